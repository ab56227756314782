export { DATABASE_PRICERS } from './database';
export { FREE_TYPES, freeReason } from './free-types';
export { MONITORING_PRICERS } from './monitoring';
export { NETWORK_PRICERS } from './network';
export { PRICERS } from './registry';
export { SECURITY_PRICERS } from './security';
export { STORAGE_PRICERS } from './storage';
export * from './types';
