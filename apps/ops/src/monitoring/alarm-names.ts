import { NAME_PREFIX, resourceName, type EnvironmentName } from '@showcore/naming';

/**
 * The spec names alarms `showcore-{component}-{what}` (e.g. showcore-rds-cpu-high); two environments in one
 * account would collide, so the naming lib's rule puts the environment after the component:
 * showcore-rds-dev-cpu-high.
 */
export function environmentAlarmName(specName: string, environment: EnvironmentName): string {
  const match = new RegExp(`^${NAME_PREFIX}-([a-z0-9]+)-([a-z0-9-]+)$`).exec(specName);
  if (!match) {
    throw new Error(`Alarm name "${specName}" does not follow the spec's pattern ${NAME_PREFIX}-<component>-<what>.`);
  }
  return resourceName(match[1], environment, match[2]);
}

/** Construct id of a table row: the spec name without the prefix, in PascalCase (showcore-rds-cpu-high → RdsCpuHigh). */
export function alarmConstructId(specName: string): string {
  return specName
    .replace(`${NAME_PREFIX}-`, '')
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
