import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { PARAMETERS, parameterPath, parametersConsumedBy, type EnvironmentName, type ParameterName, type Tier } from '@showcore/naming';

export interface MissingParameter {
  readonly name: ParameterName;
  readonly path: string;
  readonly producer: Tier;
}

/** Current values of parameters by path (GetParameters takes at most 10 names a call). */
export async function readParameters(ssm: SSMClient, paths: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (let i = 0; i < paths.length; i += 10) {
    const out = await ssm.send(new GetParametersCommand({ Names: paths.slice(i, i + 10) }));
    for (const parameter of out.Parameters ?? []) {
      if (parameter.Name && parameter.Value !== undefined) values.set(parameter.Name, parameter.Value);
    }
  }
  return values;
}

/** The parameters a tier reads that do not exist (or are empty) in the environment. */
export async function missingInputs(ssm: SSMClient, tier: Tier, environment: EnvironmentName): Promise<MissingParameter[]> {
  const wanted = parametersConsumedBy(tier).map((name) => ({ name, path: parameterPath(environment, name), producer: PARAMETERS[name].producer as Tier }));
  const values = await readParameters(
    ssm,
    wanted.map((w) => w.path),
  );
  return wanted.filter((w) => !values.get(w.path));
}

export function describeMissing(tier: Tier, environment: EnvironmentName, missing: readonly MissingParameter[]): string {
  const producers = [...new Set(missing.map((m) => m.producer))];
  return (
    `Cannot deploy the ${tier} tier to "${environment}": ${missing.length} SSM parameter(s) it reads do not exist:\n` +
    missing.map((m) => `  - ${m.path} (produced by the ${m.producer} tier)`).join('\n') +
    `\nDeploy ${producers.map((p) => `the ${p} tier first: npx nx run ${p}:deploy -c ${environment}`).join('; ')}. Nothing was changed.`
  );
}
