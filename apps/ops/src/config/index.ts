export { MANAGED_RULE_NAMES, MANAGED_RULES, RECORDED_RESOURCE_TYPES, recordedResourceTypes, type ManagedRuleName } from './config-rules';
export { environmentConfig } from './environments';
export { loadConfig } from './load';
export { applyOverrides, costOptimized, hardened, PROFILES, type ProfileName } from './profiles';
export * from './types';
export { validateOpsConfig } from './validate';
