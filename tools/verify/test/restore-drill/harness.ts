/**
 * What the restore-drill unit tests share: the mocked RDS and ElastiCache clients (aws-sdk-client-mock, reset before
 * each test), probe outcomes, and deps with a fake clock that only moves when the drill sleeps, so timeouts happen
 * without waiting. Each test file gets its own copy of this module (Jest's registry is per file).
 */
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import type { DrillDeps, DrillOptions, DrillTarget } from '../../drill';
import type { ProbeOutcome } from '../../model';

export const rds = mockClient(RDSClient);
export const elasticache = mockClient(ElastiCacheClient);
beforeEach(() => {
  rds.reset();
  elasticache.reset();
});

export const PASSED: ProbeOutcome = { results: [{ probe: 'redis', check: 'tls', passed: true, detail: '' }], exitCode: 0, problems: [] };
export const FAILED: ProbeOutcome = { results: [{ probe: 'redis', check: 'tls', passed: false, detail: '' }], exitCode: 1, problems: [] };

/** An SDK error as the clients raise it: what the drill looks at is its name. */
export const awsError = (name: string, message = 'not found') => Object.assign(new Error(message), { name });

export function drillOptions(runId: string, pollMs: number): DrillOptions {
  return { environment: 'staging', runId, keepSnapshots: false, pollMs, timeouts: { snapshotMs: 60_000, restoreMs: 120_000, deleteMs: 60_000 } };
}

/** What the journal reads of a client mock: its calls, in order. */
export interface Recorded {
  calls(): readonly { readonly args: readonly unknown[] }[];
}

/** The API calls by name (`CreateSnapshot`, …), in order. */
export function callNames(stub: Recorded): string[] {
  return stub.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
}

/**
 * Deps whose probe returns or throws `probe`, recording each run (`probed`) and where in `stub`'s API sequence it
 * happened (`journal()`); `clock()` is the fake time.
 */
export function drillHarness(probe: ProbeOutcome | Error = PASSED, stub?: Recorded) {
  let clock = 0;
  const probed: { kind: string; target: DrillTarget }[] = [];
  /** For each probe run, how many API calls came before it. */
  const probedAt: number[] = [];
  const d: DrillDeps = {
    rds: new RDSClient({}),
    elasticache: new ElastiCacheClient({}),
    probe: async (kind, target) => {
      probed.push({ kind, target });
      probedAt.push(stub?.calls().length ?? 0);
      if (probe instanceof Error) throw probe;
      return probe;
    },
    log: () => undefined,
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
  };
  /** The API calls by name, with each probe run inserted where it happened. */
  const journal = (): string[] => {
    const events = stub ? callNames(stub) : [];
    for (let i = probed.length - 1; i >= 0; i--) events.splice(probedAt[i], 0, `probe ${probed[i].kind} ${probed[i].target.host}:${probed[i].target.port}`);
    return events;
  };
  return { d, probed, journal, clock: () => clock };
}

/** The run of the sequence tests: its id, the copy the drill names after it, its options (15 s waits). */
export const RUN_ID = '1124-a1b2';
export const COPY = `showcore-drill-staging-${RUN_ID}`;
export const sequenceOptions = drillOptions(RUN_ID, 15_000);
/** The drill's dependencies over a recorded stub, with an optional probe. */
export const recordedHarness = (stub: Recorded, probe?: Parameters<typeof drillHarness>[0]) => drillHarness(probe, stub);
/** The tags of a create call's input. */
export const tagsOf = (input: unknown) => (input as { Tags?: { Key?: string; Value?: string }[] }).Tags ?? [];
/** The tags every resource a drill creates carries (with the standard ones of the environment, here staging). */
export const DRILL_RUN_TAGS = [
  { Key: 'Environment', Value: 'Staging' },
  { Key: 'Project', Value: 'ShowCore' },
  { Key: 'ManagedBy', Value: 'ops:restore-drill' },
  { Key: 'showcore:purpose', Value: 'restore-drill' },
  { Key: 'showcore:run-id', Value: RUN_ID },
];
