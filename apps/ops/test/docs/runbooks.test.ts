import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENTS, PARAMETER_NAMES, parameterPath } from '@showcore/naming';
import { environmentConfig } from '../../src/config';
import { alarmTable } from '../../src/monitoring/alarm-table';

const RUNBOOKS = path.join(__dirname, '../../../../docs/runbooks');
const FILES = ['rds-backup-restore.md', 'elasticache-backup-restore.md', 'vpc-endpoint-troubleshooting.md', 'alarm-response.md'];
const read = (file: string) => fs.readFileSync(path.join(RUNBOOKS, file), 'utf8');

/** Every parameter path of the registry, for each environment and in the `<env>` form the runbooks use. */
const REGISTERED = new Set(
  PARAMETER_NAMES.flatMap((name) => [
    ...ENVIRONMENTS.map((env) => parameterPath(env, name)),
    parameterPath('dev', name).replace('/showcore/dev/', '/showcore/<env>/'),
  ]),
);
/** Shell forms of the environment placeholder, normalized to `<env>`. */
const PLACEHOLDER = /\/showcore\/(?:\$ENV|\$\{ENV\}|"\$ENV"|<env>)\//g;

describe('runbooks (docs/runbooks)', () => {
  it.each(FILES)('%s exists', (file) => {
    expect(read(file).length).toBeGreaterThan(500);
  });

  it.each(FILES)('every SSM path %s mentions is declared in the registry', (file) => {
    const mentioned = [
      ...read(file)
        .replace(PLACEHOLDER, '/showcore/<env>/')
        .matchAll(/\/showcore\/[^\s"'`)\]|,]*/g),
    ].map((m) => m[0]);
    expect(mentioned.length).toBeGreaterThan(0);
    const unknown = mentioned.filter((p) => !REGISTERED.has(p));
    expect(unknown).toEqual([]);
  });

  it('the registry check catches an undeclared path', () => {
    expect(REGISTERED.has('/showcore/<env>/data/db-password')).toBe(false);
    expect(REGISTERED.has('/showcore/<env>/data/db-instance-id')).toBe(true);
  });

  it('alarm-response.md has a section for every alarm of the table and for both backup-failure rules', () => {
    const headings = new Set([...read('alarm-response.md').matchAll(/^## (\S+)$/gm)].map((m) => m[1]));
    const anchors = new Set(alarmTable(environmentConfig('dev').billing).map((row) => row.runbookAnchor));
    for (const anchor of [...anchors, 'showcore-elasticache-backup-failure', 'showcore-rds-backup-failure']) expect(headings).toContain(anchor);
  });

  it('links only to runbooks that exist', () => {
    for (const file of FILES) {
      for (const [, target] of read(file).matchAll(/\]\(([a-z-]+\.md)(?:#[a-z0-9-]+)?\)/g)) expect(FILES).toContain(target);
    }
  });
});
