import type { EnvironmentName } from './environments';
import type { Tier } from './tiers';
import { resourceName } from './resource-names';

/**
 * CloudFormation stack name of a tier's stack: `showcore-{tier}-{environment}-stack`, or
 * `showcore-{tier}-{environment}-{part}-stack` for a tier's secondary stack (e.g. ops' us-east-1 billing stack).
 */
export function stackName(tier: Tier, environment: EnvironmentName, part?: string): string {
  return resourceName(tier, environment, part ? `${part}-stack` : 'stack');
}
