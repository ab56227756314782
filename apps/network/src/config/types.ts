/** The network tier's per-environment settings. */
export interface NetworkConfig {
  readonly region: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
}
