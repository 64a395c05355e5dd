import type { SoftwareId } from '../softwareIds.js';

/**
 * DeviceSetting: where an appliance sets one thing, in its own words. `where` is the menu path (or
 * command), `how` what to enter; `{range}`, `{low}`, `{high}` and `{address}` are filled in from
 * the probe.
 */
export interface DeviceSetting {
  readonly where: string;
  readonly how: string;
}

/** DeviceLimit: the appliance has no such setting; `why` says so and what to do instead. */
export interface DeviceLimit {
  readonly cannot: string;
}

/**
 * DeviceFixPath: where an appliance or a Windows server sets the four things FTP through a
 * firewall or NAT depends on, checked against the vendor's documentation (`source`).
 */
export interface DeviceFixPath {
  readonly software: readonly SoftwareId[];
  /** The product as its vendor names it, for fix titles. */
  readonly product: string;
  readonly passiveRange: DeviceSetting | DeviceLimit;
  readonly externalAddress: DeviceSetting | DeviceLimit;
  readonly tls: DeviceSetting | DeviceLimit;
  readonly connectionLimit: DeviceSetting | DeviceLimit;
  readonly source: string;
}
