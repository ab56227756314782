/**
 * The command line on throw-away workspaces: exit codes and messages for bad input, --strict, --json, missing
 * templates, and --base against a git ref (a temporary repository whose tools/cdk/tier.ts writes a fixed template,
 * so the worktree flow runs without CDK). Most cases run the command in this process, as the entry point runs it
 * (cost() in main.ts); a few run the real entry point for what only a process shows: its exit code, a stdout that
 * holds nothing but the report, a stderr with nothing unexpected on it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { UsageError } from '#tools/lib/process';
import { typeScriptNodeArgs } from '#tools/lib/paths';
import { linkNodeModules } from '../base-ref';
import { cost as runCost } from '../main';
import type { CfnTemplate, CostReport } from '../model';
import { endpointNetwork } from './fixtures';

const REPO = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(REPO, 'tools', 'cost', 'main.ts');

const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real entry point, run as `<tier>:cost` runs it (Node, the TypeScript loader and the modules). */
function costProcess(args: string[]): Outcome {
  const result = spawnSync(process.execPath, [...typeScriptNodeArgs(REPO), MAIN, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The command in this process, with what its process would show: console.log is stdout, console.error stderr, and
 * a UsageError ends it the way runMain ends the process (the message on stderr, exit 1). Any other error fails the
 * test: the command refuses bad input only with UsageErrors.
 */
async function cost(args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (stdout += `${format(...parts)}\n`));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (stderr += `${format(...parts)}\n`));
  try {
    await runCost(args);
    return { code: 0, stdout, stderr };
  } catch (failure) {
    if (!(failure instanceof UsageError)) throw failure;
    return { code: 1, stdout, stderr: `${stderr}\n${failure.message}\n` };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function writeAssembly(dir: string, template: CfnTemplate): void {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    version: '1',
    artifacts: {
      Network: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/us-east-1',
        properties: { templateFile: 'Network.template.json', stackName: 'net-stack' },
      },
    },
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'Network.template.json'), JSON.stringify(template));
}

/** Stands in for tools/cdk/tier.ts at the base ref: "synthesizes" the committed template. */
const FAKE_TIER_SCRIPT = `import * as fs from 'node:fs';
import * as path from 'node:path';
const dir = path.join(process.cwd(), 'apps', 'network', 'cdk.out', 'dev');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'manifest.json'), ${JSON.stringify(JSON.stringify({ version: '1', artifacts: { Network: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/us-east-1', properties: { templateFile: 'Network.template.json', stackName: 'net-stack' } } } }))});
fs.copyFileSync('committed-template.json', path.join(dir, 'Network.template.json'));
`;

/** A workspace with a network app whose dev assembly holds `template`. */
function workspace(template?: CfnTemplate): string {
  const root = tempDir('showcore-cost-ws-');
  fs.mkdirSync(path.join(root, 'apps', 'network'), { recursive: true });
  fs.writeFileSync(path.join(root, 'apps', 'network', 'cdk.json'), '{}');
  if (template) writeAssembly(path.join(root, 'apps', 'network', 'cdk.out', 'dev'), template);
  return root;
}

describe('bad input', () => {
  it('exits non-zero on an unknown environment, listing the known ones', () => {
    const { code, stderr } = costProcess(['--environment=qa']);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown environment "qa" (from --environment). Expected one of: local, dev, staging, prod.');
  });

  it('tells how to synthesize when the templates are missing', async () => {
    const { code, stderr } = await cost([`--workspace=${workspace()}`, '--tier=network']);
    expect(code).toBe(1);
    expect(stderr).toContain('No synthesized templates for network (dev). Synthesize first:\n  npx nx run network:synth -c dev');
  });

  it('names the hardened synth command for a profile', async () => {
    const { stderr } = await cost([`--workspace=${workspace()}`, '--environment=prod', '--profile=hardened']);
    expect(stderr).toContain('node --require ./tools/lib/typescript.cjs tools/cdk/tier.ts synth --tier=network --environment=prod --profile=hardened');
  });
});

describe('--strict', () => {
  const root = workspace({ Resources: { ...endpointNetwork(1), Widget: { Type: 'AWS::Foo::Widget' } } });

  it('lists an unknown type as unpriced and still succeeds without --strict', async () => {
    const { code, stdout } = await cost([`--workspace=${root}`]);
    expect(code).toBe(0);
    expect(stdout).toContain('Unpriced (1; --strict fails on these)');
    expect(stdout).toContain('network/net-stack/Widget AWS::Foo::Widget: unknown resource type');
  });

  it('fails naming the type and the resource with --strict', async () => {
    const { code, stderr } = await cost([`--workspace=${root}`, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('--strict: 1 resource(s) cannot be priced:\n  - AWS::Foo::Widget network/net-stack/Widget');
  });

  it('fails on a missing price for a known type', async () => {
    const db = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.x9.huge' } };
    const { code, stderr } = await cost([`--workspace=${workspace({ Resources: { Db: db } })}`, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('AWS::RDS::DBInstance network/net-stack/Db: RDS postgres db.x9.huge Single-AZ: no price "rds.postgres.db.x9.huge.hour"');
  });
});

describe('--json', () => {
  it('prints the report for machines', () => {
    const { code, stdout } = costProcess([`--workspace=${workspace({ Resources: endpointNetwork(2) })}`, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CostReport;
    expect([report.environment, report.totals.fixed, report.natComparison?.difference]).toEqual(['dev', 43.8, 7.3]);
  });
});

describe('--base', () => {
  function git(root: string, ...args: string[]): string {
    const result = spawnSync('git', ['-c', 'user.name=cost-test', '-c', 'user.email=cost-test@example.com', ...args], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  /** A repository whose committed tier.ts "synthesizes" the committed template (endpoints in one AZ). */
  function repository(): string {
    const root = workspace();
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\ncdk.out/\n');
    fs.writeFileSync(path.join(root, 'committed-template.json'), JSON.stringify({ Resources: endpointNetwork(1) }));
    fs.mkdirSync(path.join(root, 'tools', 'cdk'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tools', 'cdk', 'tier.ts'), FAKE_TIER_SCRIPT);
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'base');
    return root;
  }

  it('prices the base ref in a temporary worktree and prints the difference as Markdown', () => {
    const root = repository();
    writeAssembly(path.join(root, 'apps', 'network', 'cdk.out', 'dev'), { Resources: endpointNetwork(2) });
    const { code, stdout, stderr } = costProcess([`--workspace=${root}`, '--base=HEAD']);
    expect([code, stderr.split('\n').filter((l) => l.trim() && !l.startsWith('Synthesizing'))]).toEqual([0, []]);
    // 3 endpoints: 1 AZ $21.90 + $0.03 processing → 2 AZs $43.80 + $0.03.
    expect(stdout).toContain('| network | $21.93 | $43.83 | **+$21.90** |');
    expect(git(root, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it("synthesizes the working tree's missing templates in --base mode (CI synthesizes only affected tiers)", async () => {
    const root = repository();
    // An uncommitted change the (fake) synth picks up: the endpoints move to two AZs.
    fs.writeFileSync(path.join(root, 'committed-template.json'), JSON.stringify({ Resources: endpointNetwork(2) }));
    const { code, stdout, stderr } = await cost([`--workspace=${root}`, '--base=HEAD']);
    expect(code).toBe(0);
    expect(stderr).toContain('Synthesizing network (dev) in the working tree...');
    expect(stdout).toContain('| network | $21.93 | $43.83 | **+$21.90** |');
  });

  it('prices a commit instead of the working tree with --ref', async () => {
    const root = repository();
    const { code, stdout } = await cost([`--workspace=${root}`, '--ref=HEAD', '--json']);
    expect(code).toBe(0);
    // The committed template: 3 endpoints in 1 AZ = $21.90.
    expect((JSON.parse(stdout) as CostReport).totals.fixed).toBe(21.9);
  });

  it('rejects an unknown ref', async () => {
    const root = repository();
    writeAssembly(path.join(root, 'apps', 'network', 'cdk.out', 'dev'), { Resources: endpointNetwork(1) });
    const { code, stderr } = await cost([`--workspace=${root}`, '--base=no-such-branch']);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown git ref "no-such-branch" (--base)');
  });

  it('rejects an unknown ref before synthesizing anything', async () => {
    // No working-tree templates: --base mode would synthesize them first if the ref were checked later.
    const root = repository();
    const { code, stderr } = await cost([`--workspace=${root}`, '--base=no-such-branch']);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown git ref "no-such-branch" (--base)');
    expect(stderr).toContain('Nothing was synthesized.');
    expect(stderr).not.toContain('Synthesizing');
    expect(fs.existsSync(path.join(root, 'apps', 'network', 'cdk.out'))).toBe(false);
  });

  it('rejects an unknown --ref the same way', async () => {
    const { code, stderr } = await cost([`--workspace=${repository()}`, '--ref=no-such-tag']);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown git ref "no-such-tag" (--ref)');
  });
});

describe('linkNodeModules', () => {
  it('links packages to this checkout but workspace packages to the worktree', () => {
    const root = tempDir('showcore-cost-nm-');
    const worktree = tempDir('showcore-cost-wt-');
    fs.mkdirSync(path.join(root, 'node_modules', 'left-pad'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node_modules', '@showcore'), { recursive: true });
    fs.mkdirSync(path.join(root, 'libs', 'naming'), { recursive: true });
    fs.mkdirSync(path.join(worktree, 'libs', 'naming'), { recursive: true });
    fs.symlinkSync('../../libs/naming', path.join(root, 'node_modules', '@showcore', 'naming'));
    linkNodeModules(root, worktree);
    expect(fs.realpathSync(path.join(worktree, 'node_modules', 'left-pad'))).toBe(fs.realpathSync(path.join(root, 'node_modules', 'left-pad')));
    expect(fs.realpathSync(path.join(worktree, 'node_modules', '@showcore', 'naming'))).toBe(fs.realpathSync(path.join(worktree, 'libs', 'naming')));
  });
});
