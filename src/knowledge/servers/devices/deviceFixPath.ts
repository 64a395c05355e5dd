import type { Sources } from '../../sources.js';
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

/** DeviceLimit: the appliance has no such setting; `cannot` says so and what to do instead. */
export interface DeviceLimit {
  readonly cannot: string;
}

/**
 * DeviceEntry: a setting, a documented absence of one, or null when the vendor's documentation we
 * checked does not say (the generic advice is given then, rather than a guessed menu path).
 */
export type DeviceEntry = DeviceSetting | DeviceLimit | null;

/**
 * DeviceFixPath: where an appliance or a Windows server sets the four things FTP through a
 * firewall or NAT depends on, checked against the vendor's documentation (`sources`).
 */
export interface DeviceFixPath {
  readonly software: readonly SoftwareId[];
  /** The product as its vendor names it, for fix titles. */
  readonly product: string;
  readonly passiveRange: DeviceEntry;
  readonly externalAddress: DeviceEntry;
  readonly tls: DeviceEntry;
  readonly connectionLimit: DeviceEntry;
  readonly sources: Sources;
}
