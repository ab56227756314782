import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AssemblyStack {
  /** Artifact id (the construct id of the stack, e.g. `Network`). */
  readonly id: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly region?: string;
}

/** The CloudFormation stacks of a synthesized cloud assembly, read from its manifest. */
export function assemblyStacks(assemblyDir: string): AssemblyStack[] {
  const manifestPath = path.join(assemblyDir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`No cloud assembly at ${assemblyDir} (manifest.json missing): synthesize first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const region = /aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1];
    stacks.push({
      id,
      stackName: artifact.properties?.stackName ?? id,
      templateFile: path.join(assemblyDir, artifact.properties.templateFile),
      region: region && region !== 'unknown-region' ? region : undefined,
    });
  }
  return stacks;
}

/** Resource types of every template in an assembly, with their counts. */
export function assemblyResourceTypes(assemblyDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stack of assemblyStacks(assemblyDir)) {
    const template = JSON.parse(fs.readFileSync(stack.templateFile, 'utf8'));
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
    }
  }
  return counts;
}
