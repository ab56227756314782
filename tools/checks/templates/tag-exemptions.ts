/**
 * The only resources of a taggable type allowed to go without the standard tags, each with its reason. The tag
 * check fails on an exemption that no longer matches an untagged resource, so this list cannot outlive its cause.
 */
import { TIERS, type Tier } from '@showcore/naming';
import { VARIANTS, type Variant } from './variants';

export interface TagExemption {
  /** Resource type the exemption covers. */
  readonly type: string;
  /** Tiers whose templates it covers (a tier checked alone expects only its own exemptions to match). */
  readonly tiers: readonly Tier[];
  /** Variants (an environment, or one with the hardened profile) it covers. */
  readonly variants: readonly Variant[];
  readonly reason: string;
}

export const TAG_EXEMPTIONS: readonly TagExemption[] = [
  {
    type: 'AWS::SSM::Parameter',
    tiers: TIERS,
    variants: ['local'],
    reason:
      'The local emulator (moto) crashes on a tagged AWS::SSM::Parameter while the CDK CLI reports success, so every tier turns tagSsmParameters off in local only; real environments tag them.',
  },
  {
    type: 'AWS::CloudWatch::Dashboard',
    tiers: ['ops'],
    variants: VARIANTS,
    reason:
      'CloudFormation takes Tags on a dashboard now, but the cfn-lint this repository lints with (1.51) rejects the property, so the ops tier leaves its one dashboard untagged (apps/ops/src/app.ts); a dashboard carries no cost worth allocating. Drop the exclusion and this entry with a cfn-lint that knows the property.',
  },
];
