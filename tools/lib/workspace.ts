import * as fs from 'node:fs';
import * as path from 'node:path';
import { TIERS, type Tier } from '@showcore/naming';
import { appDir, WORKSPACE_ROOT } from './paths';

/** Tiers that exist as apps in this checkout (an app folder with a cdk.json). */
export function existingTiers(): Tier[] {
  return TIERS.filter((tier) => fs.existsSync(path.join(appDir(tier), 'cdk.json')));
}

/** Every synthesized CloudFormation template under apps/<tier>/cdk.out/<variant>/. */
export function synthesizedTemplates(): string[] {
  const files: string[] = [];
  for (const tier of existingTiers()) {
    const out = path.join(appDir(tier), 'cdk.out');
    if (!fs.existsSync(out)) continue;
    for (const variant of fs.readdirSync(out)) {
      const dir = path.join(out, variant);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir)) {
        if (file.endsWith('.template.json')) files.push(path.relative(WORKSPACE_ROOT, path.join(dir, file)));
      }
    }
  }
  return files.sort();
}
