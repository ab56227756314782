import { CfnOutput, Fn } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { parameterDefinition, parameterPath, type ParameterName } from './ssm-parameters';
import { TierStack } from './tier-stack';

function pascal(key: string): string {
  return key.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

/**
 * Writes a registry parameter from its producer tier, and the same value as a stack output (without an export
 * name: outputs are for people, SSM is the contract). Lists are stored comma-separated.
 */
export function publish(scope: Construct, name: ParameterName, value: string | string[]): ssm.StringParameter {
  const definition = parameterDefinition(name);
  const stack = TierStack.of(scope);
  if (definition.producer !== stack.tier) {
    throw new Error(
      `Tier "${stack.tier}" cannot publish "${name}": the registry (libs/naming/src/ssm-parameters.ts) names ` + `"${definition.producer}" as its producer.`,
    );
  }
  if (Array.isArray(value) !== (definition.shape === 'list')) {
    throw new Error(`Parameter "${name}" is declared as a ${definition.shape}; publish it as ${definition.shape === 'list' ? 'a string[]' : 'a string'}.`);
  }
  const stringValue = Array.isArray(value) ? Fn.join(',', value) : value;
  const id = pascal(definition.key);
  new CfnOutput(scope, publishedOutputId(name), { value: stringValue, description: definition.description });
  return new ssm.StringParameter(scope, `${id}Parameter`, {
    parameterName: parameterPath(stack.environmentName, name),
    stringValue,
    description: definition.description,
  });
}

/**
 * Logical id of the output that records the value a producer stack published for `name`: what the deploy tool
 * compares the parameter with, and restores it from when it was deleted or changed outside the stack.
 */
export function publishedOutputId(name: ParameterName): string {
  return `${pascal(parameterDefinition(name).key)}Output`;
}

/** Prefix of the outputs that record which producer values a consumer stack resolved at its last deploy. */
export const CONSUMED_OUTPUT_PREFIX = 'Consumed';

/** Logical id of the output that records a consumed parameter's resolved value. */
export function consumedOutputId(name: ParameterName): string {
  return `${CONSUMED_OUTPUT_PREFIX}${pascal(parameterDefinition(name).key)}`;
}

/**
 * CloudFormation resolves SSM-typed parameters only when the consumer stack is updated, and neither the CDK CLI
 * nor the local emulator reports what it resolved. Echoing the value as an output lets the deploy tool compare it
 * with the producer's current value and redeploy a consumer that runs on a stale one (tools/cdk/staleness.ts).
 */
function recordConsumedValue(scope: Construct, name: ParameterName, path: string, value: string): void {
  const stack = TierStack.of(scope);
  const id = consumedOutputId(name);
  if (!stack.node.tryFindChild(id)) {
    new CfnOutput(stack, id, { value, description: `Value of ${path} this stack resolved at its last deploy.` });
  }
}

function assertConsumer(scope: Construct, name: ParameterName): { path: string } {
  const definition = parameterDefinition(name);
  const stack = TierStack.of(scope);
  if (!(definition.consumers as readonly string[]).includes(stack.tier)) {
    throw new Error(
      `Tier "${stack.tier}" reads "${name}" but is not among its consumers (${definition.consumers.join(', ') || 'none'}). ` +
        `Add "${stack.tier}" to PARAMETERS.${name}.consumers in libs/naming/src/ssm-parameters.ts so the deploy order knows.`,
    );
  }
  return { path: parameterPath(stack.environmentName, name) };
}

/**
 * Reads a registry parameter at deploy time (a CloudFormation SSM parameter type): never at synth time,
 * never through an export. The consumer stack resolves the value each time it is deployed.
 */
export function read(scope: Construct, name: ParameterName): string {
  const definition = parameterDefinition(name);
  if (definition.shape !== 'string') {
    throw new Error(`Parameter "${name}" is a list; read it with readList().`);
  }
  const { path } = assertConsumer(scope, name);
  const value = ssm.StringParameter.valueForStringParameter(scope, path);
  recordConsumedValue(scope, name, path, value);
  return value;
}

/**
 * Reads a list parameter at deploy time. `length` is the number of elements the consumer relies on
 * (CloudFormation cannot count a list that is only known at deploy time).
 */
export function readList(scope: Construct, name: ParameterName, length?: number): string[] {
  const definition = parameterDefinition(name);
  if (definition.shape !== 'list') {
    throw new Error(`Parameter "${name}" is a string; read it with read().`);
  }
  const { path } = assertConsumer(scope, name);
  const joined = ssm.StringParameter.valueForStringParameter(scope, path);
  recordConsumedValue(scope, name, path, joined);
  return Fn.split(',', joined, length);
}
