import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '#tools/lib/paths';

// tools:typecheck and tools:lint check the files of every tools project and shared lib in one run, and Nx
// caches them on their inputs. The `tools` project owns no file (each folder under tools/ is a project of its
// own, and Nx gives a file to the innermost project), so an input written as {projectRoot}/… matches nothing,
// and a change to any tool would pass from the cache.
const targets = JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'tools', 'project.json'), 'utf8')).targets as Record<
  string,
  { inputs: (string | object)[] }
>;

describe.each(['typecheck', 'lint'])('tools:%s', (name) => {
  const globs = targets[name].inputs.filter((input): input is string => typeof input === 'string');

  it('names its files from the workspace root, never from the project root', () => {
    expect(globs.filter((glob) => glob.includes('{projectRoot}'))).toEqual([]);
  });

  it.each(['tools/checks/run-all.ts', 'tools/cdk/test/synthesize.test.ts', 'libs/naming/src/cli.ts', 'libs/naming/test/ssm.test.ts'])('hashes %s', (file) => {
    const included = globs.filter((glob) => !glob.startsWith('!')).some((glob) => path.matchesGlob(`{workspaceRoot}/${file}`, glob));
    const excluded = globs.filter((glob) => glob.startsWith('!')).some((glob) => path.matchesGlob(`{workspaceRoot}/${file}`, glob.slice(1)));
    expect({ file, hashed: included && !excluded }).toEqual({ file, hashed: true });
  });
});
