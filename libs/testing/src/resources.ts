import type { Template } from 'aws-cdk-lib/assertions';

export interface FoundResource {
  /** Stack id the resource is in. */
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  readonly resource: Record<string, any>;
}

/** Every resource of `type` across the given templates (all types when `type` is omitted). */
export function resourcesOfType(templates: Record<string, Template> | Template[], type?: string): FoundResource[] {
  const entries: [string, Template][] = Array.isArray(templates) ? templates.map((t, i) => [String(i), t]) : Object.entries(templates);
  const found: FoundResource[] = [];
  for (const [stack, template] of entries) {
    const resources: Record<string, any> = template.toJSON().Resources ?? {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (type === undefined || resource.Type === type) {
        found.push({ stack, logicalId, type: resource.Type, properties: resource.Properties ?? {}, resource });
      }
    }
  }
  return found;
}

/** The single resource of `type` in a template; fails with the count when there is not exactly one. */
export function onlyResource(template: Template, type: string): FoundResource {
  const found = resourcesOfType([template], type);
  if (found.length !== 1) {
    throw new Error(`Expected exactly one ${type}, found ${found.length}: ${found.map((f) => f.logicalId).join(', ') || 'none'}.`);
  }
  return found[0];
}
