// Loaded first by the npm scripts (`node --require ./tools/lib/installed.cjs --require ./tools/lib/typescript.cjs ...`):
// without node_modules, Node's own "Cannot find module '@swc/core'" says nothing about the fix. Plain CommonJS with no
// dependency, so it runs before anything is installed (an ES module given with --import would make Node load the
// TypeScript entry point through its ES module loader, which has no `.ts` loader).
'use strict';
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..', '..');
const needed = ['@swc/core', 'tsx', 'aws-cdk', 'nx'].filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (needed.length > 0) {
  const what = existsSync(join(root, 'node_modules')) ? `node_modules is incomplete (no ${needed.join(', ')})` : 'node_modules is missing';
  process.stderr.write(`\n${what} in ${root}. Run \`npm install\` there first, then run this command again.\n\n`);
  process.exit(1);
}
