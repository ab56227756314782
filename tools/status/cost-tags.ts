/**
 * Are ShowCore's standard tags active as cost allocation tags? Activation is a one-time step in the management
 * (payer) account (docs/deploying.md, step 7) that no tier can do in code, so `status` checks it and reports it:
 * an inactive tag is a finding (degraded), never a failure of the environment.
 */
import { CostExplorerClient, paginateListCostAllocationTags } from '@aws-sdk/client-cost-explorer';
import { STANDARD_TAG_KEYS } from '@showcore/tags';
import { explainAwsError } from '#tools/lib/aws-errors';

/** Cost Explorer is a global service: its one endpoint is in us-east-1, whatever the environment's region. */
export const COST_EXPLORER_REGION = 'us-east-1';

export const ACTIVATION_FIX = 'activate it once in the management (payer) account: docs/deploying.md, step 7';

export interface CostAllocationTagState {
  readonly key: string;
  /** `not-seen`: Billing has not seen the key on any resource yet (up to 24 h after the first deploy). */
  readonly state: 'active' | 'inactive' | 'not-seen';
  readonly lastUpdated?: string;
}

export type CostAllocationTagsStatus =
  | { readonly check: 'checked'; readonly tags: readonly CostAllocationTagState[] }
  | { readonly check: 'not-emulated'; readonly reason: string }
  | { readonly check: 'could-not-check'; readonly reason: string };

export const NOT_EMULATED: CostAllocationTagsStatus = { check: 'not-emulated', reason: 'not checked locally (the emulator has no Cost Explorer)' };

/** A Cost Explorer client for its global endpoint, with the environment's credentials. */
export function costExplorerClient(config: object): CostExplorerClient {
  return new CostExplorerClient({ ...config, region: COST_EXPLORER_REGION });
}

function refused(error: unknown): boolean {
  const err = error as { name?: string; message?: string };
  return /AccessDenied|UnauthorizedOperation|not authorized/i.test(`${err.name} ${err.message}`);
}

/** The status of each standard tag key as a user-defined cost allocation tag (every page read). */
export async function costAllocationTags(costExplorer: CostExplorerClient, keys: readonly string[] = STANDARD_TAG_KEYS): Promise<CostAllocationTagsStatus> {
  const seen = new Map<string, { status?: string; lastUpdated?: string }>();
  try {
    for await (const page of paginateListCostAllocationTags({ client: costExplorer }, { TagKeys: [...keys], Type: 'UserDefined' })) {
      for (const tag of page.CostAllocationTags ?? []) {
        if (tag.TagKey) seen.set(tag.TagKey, { status: tag.Status, lastUpdated: tag.LastUpdatedDate });
      }
    }
  } catch (error) {
    const reason = refused(error)
      ? `Cost Explorer refused ListCostAllocationTags (${(error as Error).name}), as it does in a member account: run status in the payer account or grant ce:ListCostAllocationTags`
      : `Cost Explorer: ${explainAwsError(error, { AWS_REGION: COST_EXPLORER_REGION })}`;
    return { check: 'could-not-check', reason };
  }
  const tags = keys.map((key): CostAllocationTagState => {
    const tag = seen.get(key);
    if (!tag) return { key, state: 'not-seen' };
    return { key, state: tag.status === 'Active' ? 'active' : 'inactive', ...(tag.lastUpdated ? { lastUpdated: tag.lastUpdated } : {}) };
  });
  return { check: 'checked', tags };
}

/** One line per tag for the table. */
export function describeTag(tag: CostAllocationTagState): string {
  if (tag.state === 'active') return 'active';
  if (tag.state === 'inactive') return `INACTIVE: ${ACTIVATION_FIX}`;
  return 'not yet seen by Billing (it lists a key up to 24 h after a resource first carries it; then activate it)';
}
