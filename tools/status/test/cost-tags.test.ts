import { CostExplorerClient, ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';
import { STANDARD_TAG_KEYS } from '@showcore/tags';
import { mockClient } from 'aws-sdk-client-mock';
import { costAllocationTags, costExplorerClient, NOT_EMULATED, type CostAllocationTagsStatus } from '../cost-tags';
import { EXIT_CODES, type EnvironmentStatus } from '../model';
import { statusOf } from './fixtures';
import { renderJson, renderTable } from '../render';
import { judge } from '../verdict';

const costExplorer = mockClient(CostExplorerClient);
beforeEach(() => costExplorer.reset());

const healthy = statusOf();
const withTags = (costAllocationTags: CostAllocationTagsStatus): EnvironmentStatus => ({ ...healthy, costAllocationTags });
const allActive: CostAllocationTagsStatus = { check: 'checked', tags: STANDARD_TAG_KEYS.map((key) => ({ key, state: 'active' as const })) };

describe('costAllocationTags (ListCostAllocationTags)', () => {
  it('asks for the standard keys as user-defined tags and reads every page: active, inactive, not yet seen', async () => {
    costExplorer
      .on(ListCostAllocationTagsCommand, { NextToken: undefined })
      .resolves({
        CostAllocationTags: [
          { TagKey: 'Project', Type: 'UserDefined', Status: 'Active', LastUpdatedDate: '2026-11-01T00:00:00Z' },
          { TagKey: 'Phase', Type: 'UserDefined', Status: 'Inactive' },
        ],
        NextToken: 'page-2',
      })
      .on(ListCostAllocationTagsCommand, { NextToken: 'page-2' })
      .resolves({
        CostAllocationTags: [
          { TagKey: 'Environment', Type: 'UserDefined', Status: 'Active' },
          { TagKey: 'ManagedBy', Type: 'UserDefined', Status: 'Inactive' },
        ],
      });
    const result = await costAllocationTags(new CostExplorerClient({ region: 'us-east-1' }));
    const calls = costExplorer.commandCalls(ListCostAllocationTagsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input).toMatchObject({ TagKeys: ['Project', 'Phase', 'Environment', 'ManagedBy', 'CostCenter', 'Tier'], Type: 'UserDefined' });
    expect(calls[1].args[0].input.NextToken).toBe('page-2');
    expect(result).toEqual({
      check: 'checked',
      tags: [
        { key: 'Project', state: 'active', lastUpdated: '2026-11-01T00:00:00Z' },
        { key: 'Phase', state: 'inactive' },
        { key: 'Environment', state: 'active' },
        { key: 'ManagedBy', state: 'inactive' },
        { key: 'CostCenter', state: 'not-seen' },
        { key: 'Tier', state: 'not-seen' },
      ],
    });
  });

  it('says a refused call could not be checked, and what to do (a member account)', async () => {
    costExplorer.on(ListCostAllocationTagsCommand).rejects(
      Object.assign(new Error('User: arn:aws:sts::111111111111:assumed-role/dev is not authorized to perform: ce:ListCostAllocationTags'), {
        name: 'AccessDeniedException',
      }),
    );
    expect(await costAllocationTags(new CostExplorerClient({ region: 'us-east-1' }))).toEqual({
      check: 'could-not-check',
      reason:
        'Cost Explorer refused ListCostAllocationTags (AccessDeniedException), as it does in a member account: run status in the payer account or grant ce:ListCostAllocationTags',
    });
  });

  it('explains any other error as could not check, naming Cost Explorer and its region', async () => {
    costExplorer.on(ListCostAllocationTagsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' }));
    expect(await costAllocationTags(new CostExplorerClient({ region: 'us-east-1' }))).toEqual({
      check: 'could-not-check',
      reason: 'Cost Explorer: AWS throttled the requests even after retries with backoff (Rate exceeded). Try again in a minute.',
    });
    costExplorer.on(ListCostAllocationTagsCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalServerError' }));
    expect(await costAllocationTags(new CostExplorerClient({ region: 'us-east-1' }))).toMatchObject({
      reason: 'Cost Explorer: InternalServerError: boom (region us-east-1)',
    });
  });

  it("always talks to us-east-1, Cost Explorer's only endpoint", async () => {
    expect(await costExplorerClient({ region: 'eu-west-3' }).config.region()).toBe('us-east-1');
  });
});

describe('cost allocation tags in the verdict and the report', () => {
  it('is healthy when every standard tag is active', () => {
    expect(judge(withTags(allActive))).toEqual({
      verdict: 'healthy',
      reasons: ['every alarm OK or INSUFFICIENT_DATA, backups fresh, cost allocation tags active'],
    });
  });

  it('is degraded (exit 1), not failing, when a tag is inactive, with the fix', () => {
    const status = withTags({
      check: 'checked',
      tags: [
        { key: 'Project', state: 'inactive' },
        { key: 'Tier', state: 'inactive' },
        { key: 'Phase', state: 'active' },
      ],
    });
    const verdict = judge(status);
    expect(verdict).toEqual({
      verdict: 'degraded',
      reasons: ['2 cost allocation tag(s) inactive: Project, Tier — activate it once in the management (payer) account: docs/deploying.md, step 7'],
    });
    expect(EXIT_CODES[verdict.verdict]).toBe(1);
    const table = renderTable(status, verdict, false);
    expect(table).toContain(
      'Cost allocation tags (Cost Explorer, us-east-1):\n  Project  INACTIVE: activate it once in the management (payer) account: docs/deploying.md, step 7',
    );
    expect(table).toContain('  Phase    active');
  });

  it('reports a tag Billing has not seen yet without judging it', () => {
    const status = withTags({
      check: 'checked',
      tags: [
        { key: 'Project', state: 'active' },
        { key: 'CostCenter', state: 'not-seen' },
      ],
    });
    expect(judge(status)).toEqual({
      verdict: 'healthy',
      reasons: ['every alarm OK or INSUFFICIENT_DATA, backups fresh', 'cost allocation tag(s) not yet seen by Billing (reported, not judged): CostCenter'],
    });
    expect(renderTable(status, judge(status), false)).toMatch(/CostCenter {2}not yet seen by Billing/);
  });

  it('could not check (exit 3) when the call is refused and nothing else is wrong; a worse finding still wins', () => {
    const refused = withTags({ check: 'could-not-check', reason: 'refused' });
    expect(judge(refused)).toEqual({ verdict: 'unknown', reasons: ['alarms and backups healthy', 'cost allocation tags not checked: refused'] });
    expect(EXIT_CODES[judge(refused).verdict]).toBe(3);
    expect(renderTable(refused, judge(refused), false)).toContain('  COULD NOT CHECK refused');
    const firing = { ...refused, alarms: [{ name: 'showcore-rds-dev-cpu-high', state: 'ALARM', reason: 'high' }] };
    expect(judge(firing)).toEqual({
      verdict: 'degraded',
      reasons: ['1 alarm(s) in ALARM: showcore-rds-dev-cpu-high', 'cost allocation tags not checked: refused'],
    });
    const noVault = { ...refused, backup: { ...refused.backup, vaultFound: false } };
    expect(judge(noVault).verdict).toBe('failing');
  });

  it('lists the check as not emulated locally, without failing', () => {
    const local = { ...withTags(NOT_EMULATED), environment: 'local' };
    expect(judge(local)).toEqual({ verdict: 'healthy', reasons: ['every emulated part healthy; 1 part(s) not emulated locally (listed, not judged)'] });
    expect(renderTable(local, judge(local), false)).toContain(
      'Cost allocation tags (Cost Explorer, us-east-1):\n  not checked locally (the emulator has no Cost Explorer)',
    );
  });

  it("puts each tag's state in the JSON", () => {
    const status = withTags({ check: 'checked', tags: [{ key: 'Project', state: 'inactive' }] });
    const json = JSON.parse(renderJson(status, judge(status)));
    expect(json.costAllocationTags).toEqual({ check: 'checked', tags: [{ key: 'Project', state: 'inactive' }] });
    expect(json.verdict).toBe('degraded');
  });
});
