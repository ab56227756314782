import * as fs from 'node:fs';
import * as path from 'node:path';
import { consumersOf, deployOrder, producersOf, TIERS, type Tier } from '@showcore/naming';
import { WORKSPACE_ROOT } from '#tools/lib/paths';

function projectJson(tier: Tier): any {
  return JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'apps', tier, 'project.json'), 'utf8'));
}

function dependencyProjects(target: any): string[] {
  return (target?.dependsOn ?? [])
    .filter((d: any) => typeof d === 'object' && d.target === target.__name)
    .flatMap((d: any) => d.projects ?? [])
    .sort();
}

describe('the deploy order declared to Nx follows the SSM contract', () => {
  it.each(TIERS)('%s deploys after exactly the tiers it reads from', (tier) => {
    const deploy = { ...projectJson(tier).targets?.deploy, __name: 'deploy' };
    expect(dependencyProjects(deploy)).toEqual([...producersOf(tier)].sort());
  });

  it.each(TIERS)('%s is destroyed after exactly the tiers that read from it', (tier) => {
    const destroy = { ...projectJson(tier).targets?.destroy, __name: 'destroy' };
    expect(dependencyProjects(destroy)).toEqual([...consumersOf(tier)].sort());
  });

  it('every deploy also depends on its own synth (the checked assembly is what gets deployed)', () => {
    for (const tier of TIERS) {
      const deps = projectJson(tier).targets?.deploy?.dependsOn ?? ['synth'];
      expect(deps).toContain('synth');
    }
  });

  it('gives network first and ops last', () => {
    expect(deployOrder()).toEqual(['network', 'data', 'edge', 'ops']);
  });
});
