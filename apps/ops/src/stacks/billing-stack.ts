import type { Construct } from 'constructs';
import { TierStack, type EnvironmentName, removalPolicyOf } from '@showcore/naming';
import type { OpsConfig } from '../config';
import { TOPIC_PUBLISHERS } from '../constructs/alert-topic';
import { billingGuard, type BillingGuard } from '../constructs/billing-guard';
import { opsKey } from '../constructs/ops-key';
import { acknowledgeUnencryptedTopic } from './ops-stack';

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
      config: props.config,
      env: { region: BILLING_REGION },
      description: `ShowCore ops tier (${props.environment}): billing alarms, budget and cost anomaly detection (us-east-1)`,
    });
    const { environment, config } = props;
    // KMS keys are regional: this stack needs its own.
    const masterKey =
      config.encryptionKey === 'customer-managed'
        ? opsKey(this, 'BillingKey', {
            environment,
            publishers: TOPIC_PUBLISHERS.billing,
            removalPolicy: removalPolicyOf(config.removal),
            aliasSuffix: 'billing-key',
          })
        : undefined;
    this.guard = billingGuard(this, 'Billing', { environment, config, masterKey });
    if (props.config.encryptionKey !== 'customer-managed') acknowledgeUnencryptedTopic(this.guard.topic);
  }
}
