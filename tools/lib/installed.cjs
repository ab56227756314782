// Loaded first by the npm scripts (`node --import ./tools/lib/installed.mjs --import tsx ...`): without
// node_modules, Node's own "Cannot find package 'tsx'" says nothing about the fix. Plain JavaScript with no
// dependency, so it runs before anything is installed.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const needed = ['tsx', 'aws-cdk', 'nx'].filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (needed.length > 0) {
  const what = existsSync(join(root, 'node_modules')) ? `node_modules is incomplete (no ${needed.join(', ')})` : 'node_modules is missing';
  process.stderr.write(`\n${what} in ${root}. Run \`npm install\` there first, then run this command again.\n\n`);
  process.exit(1);
}
