import {
  CONSUMED_OUTPUT_PREFIX,
  consumedOutputId,
  parameterPath,
  parametersConsumedBy,
  parametersProducedBy,
  type EnvironmentName,
  type ParameterName,
  type Tier,
} from '@showcore/naming';
import { type AwsClients } from '#tools/lib/aws-clients';
import { stackOutputs } from '#tools/lib/deployed-stacks';
import { readParameters } from '#tools/lib/ssm-preflight';

export interface StaleInput {
  readonly path: string;
  readonly resolved: string;
  readonly current: string;
}

/**
 * Producer values a deployed consumer stack resolved at its last deploy (its `Consumed*` outputs) that differ
 * from the producers' current values: the stack must be redeployed (CloudFormation re-resolves SSM parameters
 * only on an update, and `cdk deploy` skips an unchanged template).
 */
export async function staleInputs(clients: AwsClients, tier: Tier, environment: EnvironmentName, stackNames: readonly string[]): Promise<StaleInput[]> {
  const consumed = parametersConsumedBy(tier);
  if (consumed.length === 0) return [];
  const current = await readParameters(
    clients.ssm,
    consumed.map((name) => parameterPath(environment, name)),
  );
  const stale: StaleInput[] = [];
  for (const stackName of stackNames) {
    const outputs = await stackOutputs(clients.cloudFormation, stackName);
    if (!outputs) continue;
    for (const name of consumed) {
      const output = outputs.find((o) => o.OutputKey === consumedOutputId(name));
      const path = parameterPath(environment, name);
      const now = current.get(path);
      if (output?.OutputValue !== undefined && now !== undefined && output.OutputValue !== now) {
        stale.push({ path, resolved: output.OutputValue, current: now });
      }
    }
  }
  return stale;
}

/** Current values of everything a tier publishes (missing ones omitted). */
export async function publishedValues(clients: AwsClients, tier: Tier, environment: EnvironmentName): Promise<Map<ParameterName, string>> {
  const names = parametersProducedBy(tier);
  const values = await readParameters(
    clients.ssm,
    names.map((n) => parameterPath(environment, n)),
  );
  const result = new Map<ParameterName, string>();
  for (const name of names) {
    const value = values.get(parameterPath(environment, name));
    if (value !== undefined) result.set(name, value);
  }
  return result;
}

/** Parameters whose value differs between two snapshots (added, changed or removed). */
export function changedParameters(before: Map<ParameterName, string>, after: Map<ParameterName, string>): ParameterName[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

export { CONSUMED_OUTPUT_PREFIX };
