import { display } from '../template';
import { count, fixed, usage, type Pricer } from './types';

/** AWS managed rule groups that carry a subscription fee on top of the $1/month rule charge. */
const PAID_MANAGED_RULE_GROUPS = new Set(['AWSManagedRulesBotControlRuleSet', 'AWSManagedRulesATPRuleSet', 'AWSManagedRulesACFPRuleSet']);

const secret: Pricer = ({ props, logicalId, assumptions }) => {
  const replicas = props.count('ReplicaRegions') ?? 0;
  const calls = assumptions['secretsManager.apiCallsPerSecret'];
  const copies = 1 + replicas;
  return {
    resource: `Secret ${display(props.raw('Name')) || logicalId}`,
    charges: [
      fixed('secretsmanager.secret', copies, replicas ? `1 secret + ${replicas} replica${replicas === 1 ? '' : 's'}` : '1 secret'),
      usage('secretsmanager.api.10k', calls / 1e4, `${count(calls)} API calls (secretsManager.apiCallsPerSecret)`),
    ],
  };
};

/** Customer-managed keys; AWS managed keys (the SSE-S3 / aws/* defaults) cost nothing and are not resources. */
const kmsKey: Pricer = ({ props, logicalId, assumptions }) => {
  const requests = assumptions['kms.requestsPerKey'];
  const notes = props.boolean('EnableKeyRotation')
    ? ['automatic rotation: each of the first two yearly rotations adds $1/month (year 2: $2, from year 3: $3)']
    : [];
  return {
    resource: `KMS key ${display(props.raw('Description')) || logicalId}`,
    charges: [fixed('kms.key', 1, '1 customer-managed key'), usage('kms.requests.10k', requests / 1e4, `${count(requests)} requests (kms.requestsPerKey)`)],
    notes,
  };
};

const ssmParameter: Pricer = ({ props, logicalId }) => {
  const tier = props.string('Tier') ?? 'Standard';
  const resource = `SSM parameter ${display(props.raw('Name')) || logicalId}`;
  if (tier === 'Standard') return { resource, charges: [], free: 'standard SSM parameters are free' };
  if (tier === 'Intelligent-Tiering')
    return {
      resource,
      charges: [],
      notes: ['Intelligent-Tiering: billed as advanced only when the value needs it'],
      free: 'standard unless the value needs advanced',
    };
  return { resource, charges: [fixed('ssm.parameter.advanced', 1, '1 advanced parameter')] };
};

/** A web ACL, one rule charge per rule (a managed rule group is one rule), and a charge per request inspected. */
const webAcl: Pricer = ({ props, logicalId, assumptions }) => {
  const rules = props.list('Rules');
  const requests = assumptions['cloudfront.requests'];
  const paidGroups = rules.map((r) => r.Statement?.ManagedRuleGroupStatement?.Name).filter((name) => PAID_MANAGED_RULE_GROUPS.has(name));
  const notes = paidGroups.map((name) => `${name} has a subscription and request fee that is not priced`);
  return {
    resource: `WAF web ACL ${display(props.raw('Name')) || logicalId} (${props.string('Scope') ?? '?'})`,
    charges: [
      fixed('waf.web-acl', 1, '1 web ACL'),
      fixed('waf.rule', rules.length, `${rules.length} rule${rules.length === 1 ? '' : 's'}`),
      usage('waf.requests.1m', requests / 1e6, `${count(requests)} requests inspected (cloudfront.requests)`),
    ],
    notes,
  };
};

/**
 * A GuardDuty detector on its foundational sources: CloudTrail management events and VPC flow/DNS logs analysed.
 * Optional protection plans the template leaves on are billed on their own volume and only noted.
 */
const guardDutyDetector: Pricer = ({ props, assumptions }) => {
  const events = assumptions['cloudtrail.managementEvents'];
  const gb = assumptions['guardDuty.flowAndDnsLogGb'];
  const enabledPlans = props
    .list('Features')
    .filter((f) => f.Status === 'ENABLED')
    .map((f) => String(f.Name));
  const notes = ['each account gets a 30-day free trial the first time GuardDuty is enabled'];
  if (enabledPlans.length > 0) notes.push(`optional protection plans on (${enabledPlans.join(', ')}) are billed on their own volume, not priced here`);
  if (props.boolean('Enable') === false) return { resource: 'GuardDuty detector (suspended)', charges: [], free: 'a suspended detector analyses nothing' };
  return {
    resource: 'GuardDuty detector',
    charges: [
      usage('guardduty.management-events.1m', events / 1e6, `${count(events)} management events (cloudtrail.managementEvents)`),
      usage('guardduty.flow-dns-logs.gb', gb, `${count(gb)} GB of flow and DNS logs (guardDuty.flowAndDnsLogGb)`),
    ],
    notes,
  };
};

export const SECURITY_PRICERS: Record<string, Pricer> = {
  'AWS::SecretsManager::Secret': secret,
  'AWS::KMS::Key': kmsKey,
  'AWS::KMS::ReplicaKey': kmsKey,
  'AWS::SSM::Parameter': ssmParameter,
  'AWS::WAFv2::WebACL': webAcl,
  'AWS::GuardDuty::Detector': guardDutyDetector,
};
