export { environmentConfig } from './environments';
export { loadConfig } from './load';
export { applyOverrides, costOptimized, hardened, PROFILES, type ProfileName } from './profiles';
export * from './types';
export { validateDataConfig } from './validate';
