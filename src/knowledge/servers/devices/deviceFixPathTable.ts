import type { DeviceFixPath } from './deviceFixPath.js';
import { NAS_FIX_PATHS } from './nasFixPaths.js';
import { NETWORK_DEVICE_FIX_PATHS } from './networkDeviceFixPaths.js';
import { PRINTER_FIX_PATHS } from './printerFixPaths.js';
import { WINDOWS_SERVER_FIX_PATHS } from './windowsServerFixPaths.js';

/** DEVICE_FIX_PATHS: every appliance with a fix path of its own. */
export const DEVICE_FIX_PATHS: readonly DeviceFixPath[] = [
  ...NAS_FIX_PATHS,
  ...NETWORK_DEVICE_FIX_PATHS,
  ...PRINTER_FIX_PATHS,
  ...WINDOWS_SERVER_FIX_PATHS,
];

/** deviceFixPathFor: the fix path of a software id, or null when it has none. */
export function deviceFixPathFor(software: string): DeviceFixPath | null {
  return DEVICE_FIX_PATHS.find((path) => (path.software as readonly string[]).includes(software)) ?? null;
}
