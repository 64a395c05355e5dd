import { formatRange } from '../../diagnosis/fixes/passiveRange.js';
import { genericFixes } from '../../diagnosis/fixes/server/generic.js';
import { draft, type ServerFixDraft } from '../../diagnosis/fixes/server/serverFixDraft.js';
import {
  ADDRESS_PLACEHOLDER,
  type CheckedServerContext,
  rangeRemark,
  type ServerFixTopic,
} from '../../diagnosis/fixes/serverContext.js';
import type { SoftwareId } from '../softwareIds.js';
import type { DeviceEntry, DeviceFixPath, DeviceLimit, DeviceSetting } from './deviceFixPath.js';
import { DEVICE_FIX_PATHS } from './deviceFixPathTable.js';

export { DEVICE_FIX_PATHS };

/** DEVICE_DIALECTS: the software ids whose fixes come from DEVICE_FIX_PATHS. */
export const DEVICE_DIALECTS: readonly SoftwareId[] = DEVICE_FIX_PATHS.flatMap((path) => path.software);

function isLimit(entry: DeviceSetting | DeviceLimit): entry is DeviceLimit {
  return 'cannot' in entry;
}

function fill(text: string, context: CheckedServerContext): string {
  return text
    .replaceAll('{range}', formatRange(context.range))
    .replaceAll('{low}', String(context.range.low))
    .replaceAll('{high}', String(context.range.high))
    .replaceAll('{address}', context.pasvAddress ?? ADDRESS_PLACEHOLDER);
}

/** settingDraft writes one entry, or the generic advice for `topic` when the entry is null. */
function settingDraft(
  path: DeviceFixPath,
  entry: DeviceEntry,
  what: string,
  topic: ServerFixTopic,
  context: CheckedServerContext,
  extra: readonly string[] = [],
): ServerFixDraft[] {
  if (entry === null) return genericFixes(topic, context);
  if (isLimit(entry)) return [draft(`${path.product}: no setting for ${what}`, [entry.cannot], path.sources)];
  return [draft(`${path.product}: ${entry.where}`, [fill(entry.how, context), ...extra], path.sources)];
}

/**
 * deviceFixes writes a fix in the appliance's own terms for the four topics its fix path covers
 * (passive range, external address, TLS, connection limits), and the generic advice for the rest
 * and for entries its documentation leaves open.
 */
export function deviceFixes(
  path: DeviceFixPath,
): (topic: ServerFixTopic, context: CheckedServerContext) => ServerFixDraft[] {
  return (topic, context) => {
    switch (topic) {
      case 'passive-range': {
        const remark = rangeRemark(context);
        return settingDraft(path, path.passiveRange, 'the passive port range', topic, context, [
          ...(remark === '' ? [] : [remark]),
          "Open the same range in every firewall on the way: the server's own, if one is on, and the router or firewall in front of it, which forwards the range to the server.",
        ]);
      }
      case 'passive-address':
        return settingDraft(path, path.externalAddress, 'the address in PASV replies', topic, context);
      case 'tls-enable':
      case 'tls-require':
      case 'tls-certificate':
      case 'tls-protocols':
        return settingDraft(path, path.tls, 'FTPS', topic, context);
      case 'connection-limits':
        return settingDraft(path, path.connectionLimit, 'the connection limit', topic, context);
      default:
        return genericFixes(topic, context);
    }
  };
}
