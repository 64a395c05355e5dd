import type { ProbeResult, TlsData, TransferData } from '../../probe/types.js';
import { stepRecord } from './stepRecord.js';

/** TlsFacts: the TLS step's data after a handshake, and the transfer that used the session. */
export interface TlsFacts {
  readonly tls: TlsData & { readonly handshakeMs: number };
  readonly transfer: TransferData | null;
}

/**
 * tlsFacts returns what the machine formats report about TLS, or null unless the TLS step ran
 * and completed a handshake (no AUTH TLS offered, AUTH TLS refused or a failed handshake: null).
 * Every string in it comes from the server's certificate or the negotiation, so it is untrusted.
 */
export function tlsFacts(probe: ProbeResult): TlsFacts | null {
  const record = stepRecord(probe, 'tls');
  const data = record?.ran ? record.data : null;
  if (!data?.attempted || data.handshakeMs === null) return null;
  return {
    tls: { ...data, handshakeMs: data.handshakeMs },
    transfer: stepRecord(probe, 'transfer')?.data ?? null,
  };
}
