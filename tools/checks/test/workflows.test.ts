import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployOrder, TIERS } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';
import { externalUses, jobs, loadWorkflows, nxTargets, runScripts, validateWorkflowFile, WORKFLOW_DIR } from '../workflows';

const workflows = loadWorkflows();
const byFile = Object.fromEntries(workflows.map((w) => [w.file, w]));

let graph: Record<string, { data: { targets?: Record<string, unknown> } }> | undefined;

/** Projects that have a target, from one `nx graph` export (the project graph with inferred targets). */
function projectsWithTarget(target: string): string[] {
  if (!graph) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-graph-')), 'graph.json');
    const result = spawnSync(path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx'), ['graph', `--file=${file}`], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (result.status !== 0) throw new Error(`nx graph failed: ${result.stderr}`);
    graph = JSON.parse(fs.readFileSync(file, 'utf8')).graph.nodes;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return Object.entries(graph ?? {})
    .filter(([, node]) => node.data.targets?.[target])
    .map(([name]) => name);
}

describe('GitHub workflows', () => {
  it('are the four the delivery process needs', () => {
    expect(workflows.map((w) => w.file)).toEqual(['ci.yml', 'deploy-environment.yml', 'deploy.yml', 'release.yml']);
  });

  it.each(workflows.map((w) => w.file))('%s passes action-validator (GitHub cannot run them here)', (file) => {
    const result = validateWorkflowFile(path.join(WORKFLOW_DIR, file));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('pin every external action to a full commit SHA', () => {
    const loose = workflows.flatMap((w) =>
      externalUses(w)
        .filter((u) => !/@[0-9a-f]{40}$/.test(u))
        .map((u) => `${w.file}: ${u}`),
    );
    expect(loose).toEqual([]);
  });

  it('default to no permissions and give each job only what it needs', () => {
    for (const workflow of workflows) {
      expect(workflow.doc.permissions).toEqual({});
      for (const [name, job] of jobs(workflow)) {
        expect([workflow.file, name, typeof job.permissions]).toEqual([workflow.file, name, 'object']);
        expect(Object.values(job.permissions).every((p) => p === 'read' || p === 'write')).toBe(true);
      }
    }
  });

  it('grant the OIDC token only to deploy jobs, and those jobs assume a role through it', () => {
    for (const workflow of workflows) {
      for (const [name, job] of jobs(workflow)) {
        const assumesRole = (job.steps ?? []).some((s: any) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
        const callsDeploy = String(job.uses ?? '') === './.github/workflows/deploy-environment.yml';
        const hasOidc = job.permissions?.['id-token'] === 'write';
        expect([workflow.file, name, hasOidc]).toEqual([workflow.file, name, assumesRole || callsDeploy]);
        if (assumesRole) {
          const step = job.steps.find((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
          expect(step.with['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
          expect(step.with['aws-access-key-id']).toBeUndefined();
        }
      }
    }
  });

  it('never echo a secret or put one in a script', () => {
    for (const workflow of workflows) {
      for (const script of runScripts(workflow)) {
        expect([workflow.file, script.includes('secrets.')]).toEqual([workflow.file, false]);
      }
    }
  });

  it('serialize deploys per environment and gate prod behind its GitHub environment', () => {
    const deployJob = byFile['deploy-environment.yml'].doc.jobs.deploy;
    expect(deployJob.environment).toBe('${{ inputs.environment }}');
    expect(deployJob.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
    const chain = byFile['deploy.yml'].doc.jobs;
    expect(chain.staging.needs).toContain('dev');
    expect(chain.prod.needs).toContain('staging');
  });

  it('deploy the checked assembly, not a fresh synth, through the Nx deploy targets (producer-first order)', () => {
    const script = runScripts(byFile['deploy-environment.yml']).find((s) => s.includes('-t deploy')) as string;
    expect(script).toContain('--exclude-task-dependencies');
    expect(script).not.toMatch(/cdk deploy|nx run-many -t synth deploy/);
    const steps = byFile['deploy-environment.yml'].doc.jobs.deploy.steps.map((s: any) => s.uses ?? s.name);
    expect(steps.findIndex((s: string) => String(s).startsWith('actions/download-artifact@'))).toBeLessThan(steps.indexOf('Deploy'));
    expect(deployOrder()).toEqual(['network', 'data', 'edge', 'ops']);
  });

  it('offer exactly the tiers that exist for a manual single-tier deploy', () => {
    const options = byFile['deploy.yml'].doc.on.workflow_dispatch.inputs.tier.options;
    expect(options).toEqual(['all', ...TIERS]);
  });

  it('call only Nx targets that exist', () => {
    const calls = workflows.flatMap((w) => runScripts(w).flatMap(nxTargets));
    expect(calls.length).toBeGreaterThan(5);
    const missing = [...new Set(calls.map((c) => c.target))].filter((target) => projectsWithTarget(target).length === 0);
    expect(missing).toEqual([]);
    for (const call of calls.filter((c) => c.project)) {
      expect(projectsWithTarget(call.target)).toContain(call.project);
    }
  });

  it('parse the Nx calls they make', () => {
    expect(nxTargets('npx nx affected -t lint typecheck test synth --parallel=2\nnpx nx run tools-local:e2e')).toEqual([
      { target: 'lint' },
      { target: 'typecheck' },
      { target: 'test' },
      { target: 'synth' },
      { project: 'tools-local', target: 'e2e' },
    ]);
  });
});
