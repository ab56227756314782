import type { Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentName } from '@showcore/naming';
import { resourcesOfType, resourceWith, synthesize, type FoundResource } from '@showcore/testing';
import { validateDataConfig, type DataConfig } from '../src/config';
import { DataStack } from '../src/stacks/data-stack';

/**
 * The data stack's template for a configuration, validated first (an invalid one throws the ConfigError),
 * without cdk-nag: property tests build many of these.
 */
export function templateFor(environment: EnvironmentName, config: DataConfig): Template {
  const valid = validateDataConfig(config, environment, 'generated configuration');
  return synthesize(environment, (app) => void new DataStack(app, 'Data', { environment, config: valid })).template('Data');
}

/** True when a rule's port range covers `port` (protocol -1 covers every port). */
export function coversPort(rule: Record<string, any>, port: number): boolean {
  if (String(rule.IpProtocol) === '-1') return true;
  return Number(rule.FromPort) <= port && port <= Number(rule.ToPort);
}

/**
 * Fails when a template could carry a secret: a password property or a dynamic reference, a Secrets Manager
 * secret whose value CloudFormation would handle, a template parameter that looks secret without NoEcho, or an
 * output about a secret that is anything but its ARN (or the local placeholder).
 */
export function expectNoSecretsIn(template: Template): void {
  const json = template.toJSON();
  const text = JSON.stringify(json);
  expect(text).not.toMatch(/"MasterUserPassword"|"AuthToken"|"SecretString"|\{\{resolve:/);
  // The one sanctioned "password" besides ManageMasterUserPassword: a Redis user that is switched off (the disabled
  // built-in `default`) needs no password, since it cannot log in at all.
  const users = resourcesOfType([template], 'AWS::ElastiCache::User');
  for (const user of users.filter((u) => u.properties.AuthenticationMode?.Type === 'no-password-required')) {
    expect({ user: user.logicalId, access: String(user.properties.AccessString).split(' ')[0] }).toEqual({ user: user.logicalId, access: 'off' });
  }
  expect(text.replace(/"ManageMasterUserPassword"|"no-password-required"/g, '')).not.toMatch(/password/i);
  expect(resourcesOfType([template], 'AWS::SecretsManager::Secret')).toEqual([]);
  const database = resourcesOfType([template], 'AWS::RDS::DBInstance');
  expect(database.map((d) => d.properties.ManageMasterUserPassword)).toEqual([true]);
  const secretLooking = Object.entries<any>(json.Parameters ?? {}).filter(([name]) => /pass|secret|token|key/i.test(name) && name !== 'BootstrapVersion');
  for (const [name, parameter] of secretLooking) {
    expect({ name, noEcho: parameter.NoEcho }).toEqual({ name, noEcho: true });
  }
  const secretOutputs = Object.entries<any>(json.Outputs ?? {}).filter(([name]) => /secret|pass/i.test(name));
  for (const [name, output] of secretOutputs) {
    const value = JSON.stringify(output.Value);
    expect({ name, arnOnly: /"MasterUserSecret\.SecretArn"|"not-emulated-locally"/.test(value) }).toEqual({ name, arnOnly: true });
  }
}

/** The log group of a template with the given name (the data tier has one for RDS and one for Redis). */
export function logGroupNamed(template: Template, name: string): FoundResource {
  return resourceWith(template, 'AWS::Logs::LogGroup', 'LogGroupName', name);
}
