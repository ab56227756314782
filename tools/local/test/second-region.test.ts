import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'second-region-'));
jest.mock('#tools/lib/paths', () => ({
  ...jest.requireActual('#tools/lib/paths'),
  assemblyDir: (tier: string, environment: string) => path.join(root, tier, environment),
}));

import { secondRegionNote } from '../deployment-checks';

function writeAssembly(tier: string, environment: string, stackNames: string[]): void {
  const dir = path.join(root, tier, environment);
  fs.mkdirSync(dir, { recursive: true });
  const artifacts = Object.fromEntries(
    stackNames.map((name) => [name, { type: 'aws:cloudformation:stack', properties: { stackName: name, templateFile: `${name}.json` } }]),
  );
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts }));
}

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the local report names the second-region stacks it does not run', () => {
  it('says the edge replica stack is off in local (cost-optimized profile)', () => {
    writeAssembly('edge', 'local', ['showcore-edge-local-stack']);
    expect(secondRegionNote('edge', 'local')).toEqual({
      check: 'S3 cross-region replication (showcore-edge-local-replica-stack)',
      detail:
        'off in local (cost-optimized profile: replication.enabled is false), so showcore-edge-local-replica-stack is not built; covered by template tests over the hardened profile',
    });
  });

  it('says the ops copy-vault stack is off, also when nothing was synthesized', () => {
    expect(secondRegionNote('ops', 'local')?.detail).toContain('backupCopy.enabled is false');
  });

  it('says a second-region stack that is built is not verified against the emulator', () => {
    writeAssembly('ops', 'dev', ['showcore-ops-dev-stack', 'showcore-ops-dev-backup-copy-stack']);
    expect(secondRegionNote('ops', 'dev')?.detail).toBe(
      'showcore-ops-dev-backup-copy-stack is in the assembly (second region); not verified against the emulator — covered by template tests',
    );
  });

  it('has nothing to say for a tier without a second-region stack', () => {
    expect(secondRegionNote('network', 'local')).toBeUndefined();
  });
});
