/** Command-line flags of tools/cdk/tier.ts that other modules name in their messages. */

/** destroy: destroy a producer although tiers that read its SSM parameters are deployed. */
export const FORCE_WITH_CONSUMERS = 'force-with-consumers';
