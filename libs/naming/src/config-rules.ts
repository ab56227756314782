import type { ConfigProblems } from './config-errors';
import type { EnvironmentName } from './environments';

/**
 * A removal choice for what a stack holds: one of `allowed` (the keeping choice first), and never `destroy` outside
 * the local emulator, where a stack's deletion would take the data with it.
 */
export function checkRemovalChoice(problems: ConfigProblems, field: string, value: unknown, allowed: readonly string[], environment: EnvironmentName): void {
  problems.check(allowed.includes(value as string), field, value, 'is not a removal choice', `use one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  if (environment !== 'local') {
    problems.check(
      value !== 'destroy',
      field,
      value,
      `would delete the resource and its data, with no snapshot and nothing retained, when it leaves the "${environment}" stack`,
      `use "${allowed[0]}"; "destroy" is for the local emulator only`,
    );
  }
}

/**
 * Termination protection is a boolean, and on in prod. Deleting a prod stack is then a deliberate act on the stack
 * itself (the AWS CLI or console), never a configuration edit that a routine deploy could carry.
 */
export function checkTerminationProtection(problems: ConfigProblems, value: unknown, environment: EnvironmentName): void {
  problems.check(typeof value === 'boolean', 'terminationProtection', value, 'is not a boolean', 'use true or false');
  if (environment === 'prod') {
    problems.check(
      value !== false,
      'terminationProtection',
      value,
      'is off in prod, where a destroy runs without a prompt',
      'set it to true; to delete a prod stack on purpose, lift the protection on the stack itself (docs/deploying.md, "Destroying a tier")',
    );
  }
}
