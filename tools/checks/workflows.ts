import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '#tools/lib/paths';

export const WORKFLOW_DIR = path.join(WORKSPACE_ROOT, '.github', 'workflows');

export interface Workflow {
  readonly file: string;
  readonly doc: any;
}

export function loadWorkflows(dir = WORKFLOW_DIR): Workflow[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ file, doc: parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** Every job of a workflow with its name. */
export function jobs(workflow: Workflow): [string, any][] {
  return Object.entries(workflow.doc.jobs ?? {});
}

/** Every `run:` script of a workflow. */
export function runScripts(workflow: Workflow): string[] {
  return jobs(workflow).flatMap(([, job]) => (job.steps ?? []).map((s: any) => s.run).filter((r: unknown): r is string => typeof r === 'string'));
}

/** Every external `uses:` reference (steps and reusable-workflow jobs), local ./ paths excluded. */
export function externalUses(workflow: Workflow): string[] {
  const uses = jobs(workflow).flatMap(([, job]) => [job.uses, ...(job.steps ?? []).map((s: any) => s.uses)]);
  return uses.filter((u: unknown): u is string => typeof u === 'string' && !u.startsWith('./'));
}

/** Nx targets a script calls: `nx run p:t`, `nx affected -t a b`, `nx run-many -t a b`. */
export function nxTargets(script: string): { project?: string; target: string }[] {
  const found: { project?: string; target: string }[] = [];
  for (const line of script.split('\n')) {
    for (const m of line.matchAll(/nx run "?(\$?[\w-]+)"?:([\w-]+)/g)) found.push({ project: m[1].startsWith('$') ? undefined : m[1], target: m[2] });
    for (const m of line.matchAll(/nx (?:affected|run-many) -t ((?:[a-z][\w-]* ?)+)/g)) {
      for (const target of m[1].trim().split(/\s+/)) found.push({ target });
    }
  }
  return found;
}

/** action-validator's verdict on one workflow file (exit code and output). */
export function validateWorkflowFile(file: string): { status: number; output: string } {
  const bin = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'action-validator');
  const result = spawnSync(bin, [file], { encoding: 'utf8' });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}
