/**
 * The restore drill, whatever the engine: its inputs and result, the drill's identifiers and tags, polling, and
 * the clean-up that always runs. One file per engine (rds.ts, elasticache.ts) says what to snapshot, restore,
 * probe and delete.
 */
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { EnvironmentName } from '@showcore/naming';
import { sleep as abortableSleep } from '../abort';
import { outcomePassed, type ProbeOutcome } from '../model';
import { recordSteps, type StepRecord } from '../steps';
import { toolResourceTags } from '../tags';

export interface DrillTarget {
  readonly host: string;
  readonly port: number;
  /** The restored replication group (the probe's IAM token is signed for it). */
  readonly replicationGroupId?: string;
}

export interface DrillDeps {
  readonly rds: RDSClient;
  readonly elasticache: ElastiCacheClient;
  /** Runs the data probe against the restored copy (through the in-VPC probe function, in real use). */
  readonly probe: (kind: 'postgres' | 'redis', target: DrillTarget) => Promise<ProbeOutcome>;
  readonly log: (line: string) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

export interface DrillOptions {
  readonly environment: EnvironmentName;
  readonly runId: string;
  readonly keepSnapshots: boolean;
  readonly pollMs: number;
  /** Per wait: a snapshot, a restore, a deletion. */
  readonly timeouts: { readonly snapshotMs: number; readonly restoreMs: number; readonly deleteMs: number };
}

export interface DrillResult {
  readonly kind: 'rds' | 'elasticache';
  readonly source: string;
  readonly snapshot: string;
  readonly copy: string;
  readonly steps: StepRecord[];
  probe?: ProbeOutcome;
  /** Seconds from the restore call until the copy was available: the evidence for the runbook's recovery time. */
  restoreSeconds?: number;
  readonly cleanup: { copyDeleted: boolean; snapshot: 'deleted' | 'kept' | 'not created' | 'not deleted'; problems: string[] };
  passed: boolean;
}

export const DRILL_TAGS = (environment: EnvironmentName, runId: string) =>
  toolResourceTags(environment, 'ops:restore-drill', [
    { Key: 'showcore:purpose', Value: 'restore-drill' },
    { Key: 'showcore:run-id', Value: runId },
  ]);

/** `showcore-drill-<env>-<run id>`: a valid RDS identifier (≤ 63) and ElastiCache group id (≤ 40), or an error. */
export function drillIdentifier(environment: EnvironmentName, runId: string, maxLength: number): string {
  const id = `showcore-drill-${environment}-${runId}`.toLowerCase();
  if (id.length > maxLength || !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(id) || id.includes('--')) {
    throw new Error(`Drill identifier "${id}" is not valid here (letters, digits and single hyphens, at most ${maxLength} characters): use a shorter run id.`);
  }
  return id;
}

class WaitTimeout extends Error {}

/** `45 s`, `2 min`: minutes from two minutes up. */
export function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Polls until `done` holds; `gone` (a not-found error) counts as done for deletions. */
export async function waitFor<T>(
  deps: DrillDeps,
  options: DrillOptions,
  what: string,
  timeoutMs: number,
  hint: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  failed: (value: T) => string | undefined = () => undefined,
): Promise<T> {
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? abortableSleep;
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    const failure = failed(value);
    if (failure) throw new Error(`${what}: ${failure}. ${hint}`);
    if (now() >= deadline) throw new WaitTimeout(`${what} did not finish within ${duration(timeoutMs)}. ${hint}`);
    await wait(options.pollMs, deps.signal);
  }
}

/** True when the error's name is one of `names` (the SDK names errors by their fault). */
export function errorNamed(error: unknown, ...names: string[]): boolean {
  const name = (error as { name?: string }).name ?? '';
  return names.includes(name);
}

export function finish(result: DrillResult): DrillResult {
  result.passed =
    result.probe !== undefined &&
    outcomePassed(result.probe) &&
    result.cleanup.copyDeleted &&
    (result.cleanup.snapshot === 'deleted' || result.cleanup.snapshot === 'kept') &&
    result.cleanup.problems.length === 0;
  return result;
}

export interface CleanUpActions {
  readonly copyNoun: string;
  deleteCopy(): Promise<unknown>;
  copyGone(): Promise<boolean>;
  copyNotFound(error: unknown): boolean;
  /** The API refuses to delete the copy in its current state (still creating, modifying, …): wait and ask again. */
  copyBusy(error: unknown): boolean;
  readonly deleteCopyByHand: string;
  deleteSnapshot(): Promise<unknown>;
  /** The API refuses to delete the snapshot in its current state (still creating): wait and ask again. */
  snapshotBusy(error: unknown): boolean;
  readonly deleteSnapshotByHand: string;
}

/**
 * Runs a delete, asking again while the API refuses it because the resource is busy (a copy or snapshot still being
 * created when a wait timed out or Ctrl-C came). Not abortable: clean-up runs to the end.
 */
async function deleteWhenNotBusy(
  deps: DrillDeps,
  options: DrillOptions,
  timeoutMs: number,
  what: string,
  remove: () => Promise<unknown>,
  busy: (error: unknown) => boolean,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? abortableSleep;
  const deadline = now() + timeoutMs;
  for (;;) {
    try {
      await remove();
      return;
    } catch (error) {
      if (!busy(error)) throw error;
      if (now() >= deadline) throw new Error(`${what} was still refused after ${duration(timeoutMs)} (${(error as Error).message})`, { cause: error });
      await wait(options.pollMs);
    }
  }
}

/** Deletes the copy (waiting until it is gone) and the snapshot unless kept; records problems with the command to finish by hand. */
export async function cleanUp(
  deps: DrillDeps,
  options: DrillOptions,
  result: DrillResult,
  step: ReturnType<typeof recordSteps>,
  copyStarted: boolean,
  actions: CleanUpActions,
): Promise<void> {
  if (copyStarted) {
    await step(`delete the ${actions.copyNoun}`, async () => {
      try {
        await deleteWhenNotBusy(
          deps,
          options,
          options.timeouts.restoreMs,
          `Deleting ${result.copy}`,
          () => actions.deleteCopy(),
          (e) => actions.copyBusy(e),
        );
      } catch (error) {
        if (!actions.copyNotFound(error)) throw new Error(`${(error as Error).message}. Delete it by hand: ${actions.deleteCopyByHand}`, { cause: error });
      }
      // Not abortable: after Ctrl-C the copy is still deleted.
      await waitFor(
        { ...deps, signal: undefined },
        options,
        `Deleting ${result.copy}`,
        options.timeouts.deleteMs,
        `Delete it by hand: ${actions.deleteCopyByHand}`,
        () => actions.copyGone(),
        (gone) => gone,
      );
    }).then(
      () => (result.cleanup.copyDeleted = true),
      (error) => result.cleanup.problems.push((error as Error).message),
    );
  } else {
    result.cleanup.copyDeleted = true;
  }
  if (result.cleanup.snapshot !== 'not deleted') return;
  if (options.keepSnapshots) {
    result.cleanup.snapshot = 'kept';
    return;
  }
  await step('delete the snapshot', () =>
    deleteWhenNotBusy(
      deps,
      options,
      options.timeouts.snapshotMs,
      `Deleting snapshot ${result.snapshot}`,
      () => actions.deleteSnapshot(),
      (e) => actions.snapshotBusy(e),
    ),
  ).then(
    () => (result.cleanup.snapshot = 'deleted'),
    (error) => result.cleanup.problems.push(`Could not delete snapshot ${result.snapshot} (${(error as Error).message}): ${actions.deleteSnapshotByHand}`),
  );
}

/**
 * What every engine's drill starts with: the copy's identifier (≤ `maxLength`), an empty result for `source`, the
 * step recorder, the clock and the drill tags.
 */
export function startDrill(kind: DrillResult['kind'], source: string, maxLength: number, deps: DrillDeps, options: DrillOptions) {
  const copy = drillIdentifier(options.environment, options.runId, maxLength);
  const result: DrillResult = {
    kind,
    source,
    snapshot: copy,
    copy,
    steps: [],
    cleanup: { copyDeleted: false, snapshot: 'not created', problems: [] },
    passed: false,
  };
  return { copy, result, step: recordSteps(result.steps, deps.log), now: deps.now ?? Date.now, tags: DRILL_TAGS(options.environment, options.runId) };
}
