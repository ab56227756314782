/**
 * Which CloudFormation resource types take tags, and in which property, from the resource provider schemas that
 * cfn-lint ships (the `tagging` block AWS publishes with each schema): a well-kept source, not a hand-written list.
 */
import { spawnSync } from 'node:child_process';

export interface TagSupport {
  /** The property that holds the tags, e.g. `Tags`. */
  readonly property: string;
}

/** Tagging of each type: a TagSupport when the schema says the type is taggable, null when it is not or unknown. */
export type TaggingSchema = Readonly<Record<string, TagSupport | null>>;

const QUERY = `
import json, sys
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as M
out = {}
for t in json.load(sys.stdin):
    try:
        tagging = M.get_resource_schema('us-east-1', t).schema.get('tagging') or {}
    except Exception:
        out[t] = None
        continue
    prop = tagging.get('tagProperty', '/properties/Tags')
    out[t] = {'property': prop.split('/')[-1]} if tagging.get('taggable') else None
print(json.dumps(out))
`;

/** Asks cfn-lint's schemas (Python) about `types` in one call. */
export function taggingSchemaOf(types: readonly string[]): TaggingSchema {
  const result = spawnSync('python3', ['-c', QUERY], { input: JSON.stringify([...new Set(types)]), encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Could not read cfn-lint's resource schemas (python3 -c "import cfnlint"): ${result.stderr.trim() || result.error?.message}. Install cfn-lint (README, Prerequisites).`);
  }
  return JSON.parse(result.stdout) as TaggingSchema;
}
