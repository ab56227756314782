import { standardTagProblems } from '../templates/standard-tags';
import type { TagExemption } from '../templates/tag-exemptions';
import { taggingSchemaOf, type TaggingSchema } from '../templates/tagging-schema';
import { expectedTags, type CfnResourceJson, type SynthesizedTemplate, type Variant } from '../templates/variants';

const SCHEMA: TaggingSchema = { 'AWS::IAM::Role': { property: 'Tags' }, 'AWS::SSM::Parameter': { property: 'Tags' }, 'AWS::Events::Rule': null };
const listTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

function template(variant: Variant, resources: Record<string, CfnResourceJson>): SynthesizedTemplate {
  return { tier: 'network', variant, stack: 'Network', file: `apps/network/cdk.out/${variant}/Network.template.json`, resources };
}

describe('standard tags on every taggable resource', () => {
  it("accepts list and map tags with the tier's and environment's values, and ignores types the schemas call untaggable", () => {
    const ok = template('staging', {
      Role: { Type: 'AWS::IAM::Role', Properties: { Tags: listTags(expectedTags('network', 'staging')) } },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Tags: expectedTags('network', 'staging') } },
      Rule: { Type: 'AWS::Events::Rule', Properties: {} },
      Custom: { Type: 'Custom::Thing', Properties: {} },
    });
    expect(standardTagProblems([ok], SCHEMA, [])).toEqual([]);
  });

  it('names the resource, each missing or wrong tag and the fix', () => {
    const tags = { ...expectedTags('network', 'prod-hardened'), Environment: 'Development' } as Record<string, string>;
    delete tags.CostCenter;
    const problems = standardTagProblems(
      [template('prod-hardened', { Role: { Type: 'AWS::IAM::Role', Properties: { Tags: listTags(tags) } }, Bare: { Type: 'AWS::IAM::Role' } })],
      SCHEMA,
      [],
    );
    expect(problems.map((p) => p.where)).toEqual([
      'apps/network/cdk.out/prod-hardened/Network.template.json Role (AWS::IAM::Role)',
      'apps/network/cdk.out/prod-hardened/Network.template.json Bare (AWS::IAM::Role)',
    ]);
    expect(problems[0].problem).toMatch(/^Environment="Development" \(expected "Production"\), no CostCenter\. Fix: tag it through applyStandardTags/);
    expect(problems[1].problem).toMatch(/^no Project, no Phase, no Environment, no ManagedBy, no CostCenter, no Tier\./);
  });

  it('lets an exemption cover only its type, tiers and variants, and reports an exemption that matches nothing', () => {
    const localParameters: TagExemption = { type: 'AWS::SSM::Parameter', tiers: ['network'], variants: ['local'], reason: 'moto' };
    const otherTier: TagExemption = { type: 'AWS::SSM::Parameter', tiers: ['ops'], variants: ['dev'], reason: 'not this tier' };
    const stale: TagExemption = { type: 'AWS::IAM::Role', tiers: ['network'], variants: ['dev'], reason: 'gone' };
    const untaggedParameter = { Param: { Type: 'AWS::SSM::Parameter', Properties: {} } };
    const problems = standardTagProblems([template('local', untaggedParameter), template('dev', untaggedParameter)], SCHEMA, [
      localParameters,
      otherTier,
      stale,
    ]);
    expect(problems.map((p) => `${p.where}: ${p.problem.split('.')[0]}`)).toEqual([
      'apps/network/cdk.out/dev/Network.template.json Param (AWS::SSM::Parameter): no Project, no Phase, no Environment, no ManagedBy, no CostCenter, no Tier',
      'tools/checks/templates/tag-exemptions.ts (AWS::SSM::Parameter in dev): matches no untagged resource any more',
      'tools/checks/templates/tag-exemptions.ts (AWS::IAM::Role in dev): matches no untagged resource any more',
    ]);
  });

  it('reads taggability from the CloudFormation resource specification', () => {
    expect(
      taggingSchemaOf([
        'AWS::IAM::Role',
        'AWS::Lambda::Function',
        'AWS::SSM::Parameter',
        'AWS::EC2::SubnetRouteTableAssociation',
        'Custom::VpcRestrictDefaultSG',
      ]),
    ).toEqual({
      'AWS::IAM::Role': { property: 'Tags' },
      'AWS::Lambda::Function': { property: 'Tags' },
      'AWS::SSM::Parameter': { property: 'Tags' },
      'AWS::EC2::SubnetRouteTableAssociation': null,
      'Custom::VpcRestrictDefaultSG': null,
    });
  });
});
