import { Aws } from 'aws-cdk-lib';
import { resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * The names the ops stacks derive for the cross-region copy vault. The copy stack (second region) and the main
 * stack cannot pass values through SSM parameters (regional) or exports (the repository rule): both compute the
 * vault's ARN and its key's alias from the environment, the account and the region
 * (docs/decisions/0007-cross-region-stacks-deterministic-names.md).
 */
export function copyVaultName(environment: EnvironmentName): string {
  return resourceName('backup', environment, 'copy-vault');
}

export function copyVaultArn(environment: EnvironmentName, region: string): string {
  return `arn:${Aws.PARTITION}:backup:${region}:${Aws.ACCOUNT_ID}:backup-vault:${copyVaultName(environment)}`;
}

/** Alias of the copy vault's customer-managed key (encryption `customer-managed`); key ARNs are not predictable. */
export function copyVaultKeyAlias(environment: EnvironmentName): string {
  return `alias/${resourceName('ops', environment, 'backup-copy-key')}`;
}
