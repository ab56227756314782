import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * AWS managed rule groups the web ACL evaluates, in priority order. Together 925 WCUs, under the 1,500 WCUs a
 * web ACL gets without extra charge; each rule group is billed $1/month.
 */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

export interface CdnWebAclProps {
  /** The web ACL's name; its metrics are named after it. */
  readonly name: string;
}

/**
 * A CloudFront-scoped WAF web ACL (it must be created in us-east-1; the config validator checks the region):
 * allow by default, block what the AWS managed rule groups match.
 */
export function createCdnWebAcl(scope: Construct, id: string, props: CdnWebAclProps): wafv2.CfnWebACL {
  const { name } = props;
  return new wafv2.CfnWebACL(scope, id, {
    name,
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: visibility(name),
    rules: MANAGED_RULE_GROUPS.map((group, priority) => ({
      name: group,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
      visibilityConfig: visibility(`${name}-${group}`),
    })),
  });
}
