import type { TargetReport } from '../knowledge/types.js';

/** RecentProbe: what the status page lists about one finished probe. */
export interface RecentProbe {
  readonly id: number;
  readonly finishedAt: Date;
  readonly target: string;
  readonly module: string;
  readonly status: 'healthy' | 'warning' | 'failed';
  readonly headline: string;
  /** The server's greeting line (server text, untrusted; escaped by the page), or "" when none came. */
  readonly greeting: string;
  readonly durationSeconds: number;
  /** The probe's reports, rendered as the human report only when someone opens it. */
  readonly reports: readonly TargetReport[];
}

/**
 * RecentProbes keeps the last `capacity` probes, newest first, so an operator can read why a
 * probe failed from the status page. Old ones fall off; memory stays bounded.
 */
export class RecentProbes {
  private readonly entries: RecentProbe[] = [];
  private nextId = 1;

  constructor(private readonly capacity: number) {}

  add(probe: Omit<RecentProbe, 'id'>): RecentProbe {
    const entry = { ...probe, id: this.nextId++ };
    this.entries.unshift(entry);
    if (this.entries.length > this.capacity) this.entries.pop();
    return entry;
  }

  list(): readonly RecentProbe[] {
    return this.entries;
  }

  find(id: number): RecentProbe | undefined {
    return this.entries.find((entry) => entry.id === id);
  }
}
