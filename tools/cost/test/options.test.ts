import { UsageError } from '#tools/lib/process';
import { parseCostOptions } from '../options';

describe('command-line options', () => {
  it('defaults to every tier of dev, as a table', () => {
    expect(parseCostOptions([])).toMatchObject({ tiers: undefined, environment: 'dev', format: 'table', strict: false, synth: false });
  });

  it("reads the Nx target's arguments and the CDK habit -c env=", () => {
    expect(parseCostOptions(['--tier=network', '--environment=prod', '--profile=hardened', '--json', '--strict'])).toMatchObject({
      tiers: ['network'],
      environment: 'prod',
      profile: 'hardened',
      format: 'json',
      strict: true,
    });
    expect(parseCostOptions(['-c', 'env=staging', '--tier', 'data,ops', '--base', 'origin/main'])).toMatchObject({
      environment: 'staging',
      tiers: ['data', 'ops'],
      base: 'origin/main',
    });
  });

  it('rejects an unknown environment with the list of known ones', () => {
    expect(() => parseCostOptions(['--environment=qa'])).toThrow(
      new UsageError('Unknown environment "qa" (from --environment). Expected one of: local, dev, staging, prod. Pass one with --environment=<name>.'),
    );
  });

  it.each([
    [['--tier=frontend'], 'Unknown tier "frontend" (--tier). Expected one of: network, data, edge, ops.'],
    [['--environment'], '--environment needs a value'],
    [['--json', '--markdown'], 'Choose one of --json and --markdown.'],
    [['--stric'], 'Unknown option --stric.'],
    [['--strict=yes'], '--strict takes no value'],
    [['--profile=Hardened!'], 'Invalid profile "Hardened!"'],
    [['network'], 'Unexpected argument "network".'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCostOptions(argv)).toThrow(message);
  });
});
