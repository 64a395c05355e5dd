import type { RecentProbe } from './recentProbes.js';

/** escapeHtml: targets, module names and verdicts hold text from users and servers. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export interface StatusPageData {
  readonly version: string;
  readonly configPath: string | null;
  readonly modules: readonly string[];
  readonly probes: readonly RecentProbe[];
}

/** renderStatusPage: the exporter's front page, a table of the last probes linking their reports. */
export function renderStatusPage(data: StatusPageData): string {
  const rows = data.probes.map((probe) =>
    [
      '<tr>',
      `<td>${escapeHtml(probe.finishedAt.toISOString())}</td>`,
      `<td>${escapeHtml(probe.target)}</td>`,
      `<td>${escapeHtml(probe.module)}</td>`,
      `<td><code>${escapeHtml(probe.greeting)}</code></td>`,
      `<td class="${probe.status}">${escapeHtml(probe.headline)}</td>`,
      `<td>${probe.durationSeconds.toFixed(3)} s</td>`,
      `<td><a href="/report?id=${probe.id}">report</a></td>`,
      '</tr>',
    ].join(''),
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>ftp-doctor exporter</title>',
    '<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}',
    'td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}',
    '.failed{color:#b00}.warning{color:#a60}.healthy{color:#070}</style></head><body>',
    '<h1>ftp-doctor exporter</h1>',
    `<p>Version ${escapeHtml(data.version)}; config ${escapeHtml(data.configPath ?? '(none: default module, loopback targets only)')};`,
    ` modules: ${data.modules.map(escapeHtml).join(', ')}.</p>`,
    '<p><a href="/metrics">Exporter metrics</a> &middot; probe with <code>/probe?target=HOST&amp;module=NAME</code></p>',
    '<h2>Last probes</h2>',
    rows.length === 0
      ? '<p>No probe yet.</p>'
      : `<table><tr><th>Finished</th><th>Target</th><th>Module</th><th>Greeting</th><th>Verdict</th><th>Took</th><th></th></tr>${rows.join('')}</table>`,
    '</body></html>',
    '',
  ].join('\n');
}
