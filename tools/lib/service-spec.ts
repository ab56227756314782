/**
 * The CloudFormation resource specification AWS publishes for CDK (`@aws-cdk/aws-service-spec`): which types hold
 * data, take tags, and how they are named. Its database takes seconds of CPU and hundreds of MB to load, so a
 * process loads it once: through `@aws-cdk/cloudformation-diff`, which loads the same database lazily for its own
 * replacement rules, so the change plan (which runs both) does not load it twice.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Resource } from '@aws-cdk/service-spec-types';

/** One resource type of the specification. */
export type ResourceSpec = Resource;

let lookup: ((type: string) => ResourceSpec | undefined) | undefined;

function sharedLookup(): (type: string) => ResourceSpec | undefined {
  try {
    const diffUtil = require('@aws-cdk/cloudformation-diff/lib/diff/util') as { loadResourceModel?: (type: string) => ResourceSpec | undefined };
    if (typeof diffUtil.loadResourceModel === 'function') return diffUtil.loadResourceModel;
  } catch {
    // A later cloudformation-diff may move its loader: then this process loads its own copy, as before.
  }
  const database = loadAwsServiceSpecSync();
  return (type) => database.lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

/** The specification's entry for a CloudFormation type; undefined for an unknown type. */
export function resourceSpec(type: string): ResourceSpec | undefined {
  lookup ??= sharedLookup();
  return lookup(type);
}
