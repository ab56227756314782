import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { resourceName, type EnvironmentName } from '@showcore/naming';
import type { GuardDutySettings } from '../config';
import { AlertTopicTarget } from './backup-failure-rules';

/**
 * GuardDuty's optional protection plans, each billed on its own volume (S3 data events, EKS audit logs, malware
 * scans, RDS login events, Lambda network activity, runtime agents). They are listed as off so the detector costs
 * what the cost report prices (the foundational sources: CloudTrail management events, VPC flow logs, DNS logs)
 * and not whatever AWS turns on by default for a new detector.
 */
export const GUARDDUTY_OPTIONAL_PLANS = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
  'RUNTIME_MONITORING',
] as const;

/** GuardDuty reports severity 1.0–8.9 (and 9–10 for attack sequences); 7 and above is "high". */
export const HIGH_SEVERITY = 7;

export interface ThreatDetectionProps {
  readonly environment: EnvironmentName;
  readonly settings: GuardDutySettings;
  readonly criticalTopic: sns.ITopic;
}

/** What threatDetection builds. */
export interface ThreatDetection {
  readonly detector: guardduty.CfnDetector;
}

/**
 * `ThreatDetection` (design.md "GuardDuty enabled"): the account-region's GuardDuty detector on the foundational
 * sources, and an EventBridge rule that sends high-severity findings to the critical topic (design.md "Security
 * Incidents": automated alerts via SNS). An account-region holds one detector: when several environments share an
 * account, turn it on in one of them only (like the Config recorder).
 */
export function threatDetection(scope: Construct, id: string, props: ThreatDetectionProps): ThreatDetection {
  const construct = new Construct(scope, id);
  const detector = new guardduty.CfnDetector(construct, 'Detector', {
    enable: true,
    findingPublishingFrequency: props.settings.findingPublishingFrequency,
    features: GUARDDUTY_OPTIONAL_PLANS.map((name) => ({ name, status: 'DISABLED' })),
  });
  new events.Rule(construct, 'HighSeverityFindings', {
    ruleName: resourceName('guardduty', props.environment, 'high-findings'),
    description: `ShowCore (${props.environment}): GuardDuty findings of severity ${HIGH_SEVERITY} or more to the critical topic`,
    eventPattern: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', HIGH_SEVERITY] }] },
    },
    targets: [new AlertTopicTarget(props.criticalTopic)],
  });
  return { detector };
}
