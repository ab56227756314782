/** The four independently deployable tiers, each its own CDK app under apps/<tier>. */
export const TIERS = ['network', 'data', 'edge', 'ops'] as const;

export type Tier = (typeof TIERS)[number];

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}
