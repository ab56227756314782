import type { Tag } from '@aws-sdk/client-ec2';
import type { EnvironmentName } from '@showcore/naming';
import { standardTags } from '@showcore/tags';

/**
 * The project's standard tags (Environment `Development`, … as everywhere, so cost allocation and tag-based rules
 * see these resources too), managed by the tool that made them, plus the run's own tags.
 */
export function toolResourceTags(environment: EnvironmentName, managedBy: string, extra: readonly Tag[]): Tag[] {
  const standard = { ...standardTags({ environment, tier: 'ops' }), ManagedBy: managedBy };
  return [...Object.entries(standard).map(([Key, Value]) => ({ Key, Value })), ...extra];
}
