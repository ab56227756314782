import { DATABASE_PRICERS } from './database';
import { MONITORING_PRICERS } from './monitoring';
import { NETWORK_PRICERS } from './network';
import { SECURITY_PRICERS } from './security';
import { STORAGE_PRICERS } from './storage';
import type { Pricer } from './types';

/** Every priced CloudFormation resource type and its pricer. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  ...NETWORK_PRICERS,
  ...DATABASE_PRICERS,
  ...MONITORING_PRICERS,
  ...SECURITY_PRICERS,
  ...STORAGE_PRICERS,
};
