import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintTemplates } from '../cfn-lint';

// cfn-lint runs without asking for its version first: the run itself tells a missing cfn-lint from a failed check.
describe('cfn-lint over synthesized templates', () => {
  let dir: string;
  let errors: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcore-cfn-lint-'));
    errors = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const template = (resources: Record<string, unknown>) => {
    const file = path.join(dir, `t${fs.readdirSync(dir).length}.template.json`);
    fs.writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }));
    return file;
  };

  it('fails a template with an error, without the message of a missing cfn-lint (valid ones pass in every tier cfn-lint target)', async () => {
    const invalid = template({ Topic: { Type: 'AWS::SNS::Topic', Properties: { NoSuchProperty: 1 } } });
    expect(await lintTemplates([invalid])).toBe(false);
    expect(errors).toEqual([]);
  });

  it('says how to install cfn-lint when it is not on the PATH', async () => {
    const valid = template({ Topic: { Type: 'AWS::SNS::Topic' } });
    expect(await lintTemplates([valid], { ...process.env, PATH: dir })).toBe(false);
    expect(errors).toEqual(['cfn-lint is not installed. Install it with: pip install cfn-lint (see README, "Prerequisites").']);
  });
});
