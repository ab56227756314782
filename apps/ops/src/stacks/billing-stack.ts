import type { Construct } from 'constructs';
import { TierStack, type EnvironmentName } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { BillingGuard } from '../constructs/billing-guard';
import { acknowledgeUnencryptedTopic } from './ops-stack';
import { removalPolicyOf } from './removal';

/** `AWS/Billing EstimatedCharges` is published only in us-east-1. */
export const BILLING_REGION = 'us-east-1';

export interface BillingStackProps {
  readonly environment: EnvironmentName;
  readonly config: OpsConfig;
}

/** The ops tier's small us-east-1 stack, used when the main stack is in another region. */
export class BillingStack extends TierStack {
  readonly guard: BillingGuard;

  constructor(scope: Construct, id: string, props: BillingStackProps) {
    super(scope, id, {
      tier: 'ops',
      environment: props.environment,
      part: 'billing',
      env: { region: BILLING_REGION },
      terminationProtection: props.config.terminationProtection,
      description: `ShowCore ops tier (${props.environment}): billing alarms, budget and cost anomaly detection (us-east-1)`,
    });
    this.guard = new BillingGuard(this, 'Billing', { environment: props.environment, config: props.config, removalPolicy: removalPolicyOf(props.config.removalPolicy) });
    if (props.config.encryption !== 'customer-managed') acknowledgeUnencryptedTopic(this.guard.topic);
  }
}
