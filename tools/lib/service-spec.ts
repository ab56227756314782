/**
 * The CloudFormation resource specification AWS publishes for CDK (`@aws-cdk/aws-service-spec`): which types hold
 * data, take tags, and how they are named. Its database takes 1–2 s to load, so one process loads it once, for
 * every check that asks (the tag check and the change plan both run inside `npm test`).
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;
let database: SpecDatabase | undefined;

/** The specification's entries for a CloudFormation type (one for every known type, none for an unknown one). */
export function resourceSpecs(type: string) {
  database ??= loadAwsServiceSpecSync();
  return database.lookup('resource', 'cloudFormationType', 'equals', type);
}
