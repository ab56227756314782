import * as fs from 'node:fs';
import * as path from 'node:path';
import { PARAMETERS, parametersConsumedBy, parametersProducedBy } from '@showcore/naming';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** `| \`/showcore/<env>/<tier>/<key>\` | <tiers> | ...` rows of a section, as [path, second column]. */
function rows(section: string): [string, string][] {
  const body = README.split(`### ${section}`)[1]?.split(/\n#{2,3} /)[0] ?? '';
  return [...body.matchAll(/^\| `(\/showcore\/<env>\/[^`]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]);
}

const pathOf = (name: keyof typeof PARAMETERS): string => `/showcore/<env>/${PARAMETERS[name].producer}/${PARAMETERS[name].key}`;

describe('README SSM tables', () => {
  it('Produces lists every parameter the registry gives the data tier, with its readers', () => {
    expect(rows('Produces')).toEqual(
      parametersProducedBy('data').map((name) => [pathOf(name), PARAMETERS[name].consumers.length ? PARAMETERS[name].consumers.join(', ') : '—']),
    );
  });

  it('Consumes lists every parameter the data tier reads, with its producer', () => {
    expect(rows('Consumes')).toEqual(parametersConsumedBy('data').map((name) => [pathOf(name), PARAMETERS[name].producer]));
  });
});
