export * from './endpoint-services';
export { environmentConfig } from './environments';
export { loadConfig } from './load';
export { applyOverrides, costOptimized, hardened, PROFILES, type ProfileName } from './profiles';
export * from './types';
export { validateNetworkConfig } from './validate';
