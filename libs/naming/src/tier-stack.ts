import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { ACKNOWLEDGED_CHANGES_METADATA, checkAcknowledgements, type ChangeAcknowledgement } from './change-acknowledgements';
import type { EnvironmentName } from './environments';
import { stackName } from './stack-names';
import type { Tier } from './tiers';

export interface TierStackProps extends StackProps {
  /** The tier this stack belongs to; publish/read check the SSM contract against it. */
  readonly tier: Tier;
  /** The environment the stack is synthesized for. */
  readonly environment: EnvironmentName;
  /**
   * Secondary part of the tier (e.g. `billing` for ops' us-east-1 stack).
   * @default - the tier's main stack
   */
  readonly part?: string;
  /**
   * Where the stack goes, as every tier's configuration says it: `region` becomes the stack's `env.region`,
   * `terminationProtection` its termination protection. `env` and `terminationProtection` given directly win
   * (the ops tier's billing part pins us-east-1).
   * @default - neither is set from a configuration
   */
  readonly config?: TierPlacement;
}

/** The part of a tier's configuration that places its stack. */
export interface TierPlacement {
  readonly region: string;
  readonly terminationProtection: boolean;
  /**
   * Replacements and removals the change plan would refuse, acknowledged for this environment with a reason.
   * Recorded in the cloud assembly (not the template) for `npm run plan` and the deploy gate to read.
   * @default - none
   */
  readonly acknowledgedChanges?: readonly ChangeAcknowledgement[];
}

const TIER_STACK = Symbol.for('@showcore/naming.TierStack');

/**
 * A stack of one ShowCore tier in one environment. Its stack name follows the naming rule, and it
 * carries the tier and environment that the SSM helpers need.
 */
export class TierStack extends Stack {
  /** The TierStack a construct belongs to; an error that says what to do when there is none. */
  static of(scope: IConstruct): TierStack {
    const stack = Stack.of(scope);
    if (!(TIER_STACK in stack)) {
      throw new Error(
        `Construct "${scope.node.path}" is not inside a TierStack. ShowCore stacks extend TierStack ` +
          '(libs/naming) so that SSM parameters know their tier and environment.',
      );
    }
    return stack as unknown as TierStack;
  }

  readonly tier: Tier;
  readonly environmentName: EnvironmentName;

  constructor(scope: Construct, id: string, props: TierStackProps) {
    const { config, ...stackProps } = props;
    super(scope, id, {
      stackName: stackName(props.tier, props.environment, props.part),
      ...(config ? { env: { region: config.region }, terminationProtection: config.terminationProtection } : {}),
      ...stackProps,
    });
    Object.defineProperty(this, TIER_STACK, { value: true });
    const acknowledged = config?.acknowledgedChanges ?? [];
    if (acknowledged.length > 0) {
      checkAcknowledgements(acknowledged, `the ${props.tier} configuration of ${props.environment}`);
      this.node.addMetadata(
        ACKNOWLEDGED_CHANGES_METADATA,
        acknowledged.map((ack) => ({ ...ack })),
        { stackTrace: false },
      );
    }
    this.tier = props.tier;
    this.environmentName = props.environment;
  }
}
