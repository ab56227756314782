import * as fs from 'node:fs';
import * as path from 'node:path';
import { parameterPath, parametersConsumedBy, parametersProducedBy } from '@showcore/naming';
import { environmentConfig } from '../../src/config';
import { alarmTable } from '../../src/monitoring/alarm-table';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe('apps/ops/README.md', () => {
  it.each(alarmTable(environmentConfig('dev').billing).map((row) => row.specName))('explains %s', (name) => {
    expect(README).toMatch(new RegExp(`\\| \\[\`${name}\`\\]\\(\\.\\./\\.\\./docs/runbooks/alarm-response\\.md#[a-z0-9-]+\\) \\|`));
  });

  it('lists every parameter the tier consumes and produces', () => {
    for (const name of [...parametersConsumedBy('ops'), ...parametersProducedBy('ops')]) {
      expect(README).toContain(`\`${parameterPath('dev', name).replace('/showcore/dev/', '/showcore/<env>/')}\``);
    }
  });

  it('gives the deploy-alone command and the billing precondition', () => {
    expect(README).toContain('npx nx run ops:deploy -c <env> --exclude-task-dependencies');
    expect(README).toContain('only after billing alerts are enabled on the');
  });
});
