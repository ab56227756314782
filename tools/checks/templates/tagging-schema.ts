/**
 * Which CloudFormation resource types take tags, and in which property, from the CloudFormation resource
 * specification AWS publishes for CDK (`@aws-cdk/aws-service-spec`, built from the resource provider schemas and
 * their `tagging` blocks): a well-kept source, not a hand-written list.
 */
import { resourceSpec } from '#tools/lib/service-spec';

export interface TagSupport {
  /** The property that holds the tags, e.g. `Tags`. */
  readonly property: string;
}

/** Tagging of each type: a TagSupport when the specification says the type is taggable, null when it is not or unknown. */
export type TaggingSchema = Readonly<Record<string, TagSupport | null>>;

/** Looks `types` up in the service specification (loaded once per process, tools/lib/service-spec.ts). */
export function taggingSchemaOf(types: readonly string[]): TaggingSchema {
  return Object.fromEntries(
    [...new Set(types)].map((type) => {
      const tagging = resourceSpec(type)?.tagInformation;
      return [type, tagging ? { property: tagging.tagPropertyName } : null];
    }),
  );
}
