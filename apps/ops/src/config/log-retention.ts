/** The retention periods (days) CloudWatch Logs accepts for a log group; anything else is rejected at deploy time. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export function isLogRetentionDays(value: unknown): boolean {
  return typeof value === 'number' && (LOG_RETENTION_DAYS as readonly number[]).includes(value);
}

/** The accepted values nearest to `value`, for the error message. */
export function nearestRetention(value: number): number[] {
  const lower = [...LOG_RETENTION_DAYS].reverse().find((d) => d < value);
  const upper = LOG_RETENTION_DAYS.find((d) => d > value);
  return [lower, upper].filter((d): d is NonNullable<typeof d> => d !== undefined);
}
