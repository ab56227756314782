import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One `Validations.of(...).acknowledge(...)`: the rule id as recorded (`Annotation::AwsSolutions-S1`), where, why. */
export interface Acknowledgement {
  readonly id: string;
  readonly path: string;
  readonly reason: string;
}

/** Every acknowledgement made under `scope` (an app or a stack), with the construct path it was made on. */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) found.push({ id, path: construct.node.path, reason });
    }
  }
  return found;
}

/**
 * The cdk-nag rules acknowledged on each construct path under `scope`, without the `AwsSolutions-` prefix
 * (`{ 'Data/Database': ['RDS3', 'RDS11'] }`): the table a test compares with what the spec accepts.
 */
export function acknowledgedRules(scope: IConstruct): Record<string, string[]> {
  const rules: Record<string, string[]> = {};
  for (const { id, path } of acknowledgements(scope)) {
    (rules[path] ??= []).push(id.replace(/^Annotation::AwsSolutions-/, ''));
  }
  return rules;
}

/**
 * The reason of every cdk-nag acknowledgement under `scope`, by rule id without the `Annotation::` prefix
 * (`{ 'AwsSolutions-VPC7': '…' }`). Acknowledgements CDK records for its own checks are left out.
 */
export function nagReasons(scope: IConstruct): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const { id, reason } of acknowledgements(scope)) {
    if (id.includes('AwsSolutions-')) reasons[id.replace(/^Annotation::/, '')] = reason;
  }
  return reasons;
}
