import { mb, ms, ratio, spread } from './stats.mjs';

const TARGETS = {
  coldStart: 1.2,
  latency: 1.3,
  fleetRssMb: 150,
  memory: 1.3,
};

const yes = (met) => (met ? '**met**' : '**not met**');

/** targetRows: one row per speed or memory target: what was measured, the goal, met or not. */
function targetRows(r) {
  const rows = [];
  const a = r.coldStart;
  if (a && !a.skipped) {
    rows.push([
      'a. `--version` start vs `node -e 0`',
      `${ratio(a.version.median, a.node.median)} (${ms(a.version.median)} vs ${ms(a.node.median)})`,
      `≤ ${TARGETS.coldStart}×`,
      yes(a.versionRatio <= TARGETS.coldStart),
    ]);
    rows.push([
      'a. `explain 229` start vs `node -e 0`',
      `${ratio(a.explain.median, a.node.median)} (${ms(a.explain.median)} vs ${ms(a.node.median)})`,
      `≤ ${TARGETS.coldStart}×`,
      yes(a.explainRatio <= TARGETS.coldStart),
    ]);
  }
  const b = r.latency;
  if (b && !b.skipped) {
    rows.push([
      'b. default probe vs `curl --list-only`, 100 ms RTT',
      `${ratio(b.doctor.wall.median, b.curl.wall.median)} (${ms(b.doctor.wall.median)} vs ${ms(b.curl.wall.median)})`,
      `≤ ${TARGETS.latency}×`,
      yes(b.ratio <= TARGETS.latency),
    ]);
  }
  const c = r.filteredPort;
  if (c && !c.skipped) {
    for (const item of c.cases) {
      rows.push([
        `c. verdict on a filtered data port, --data-timeout ${item.timeoutMs} ms`,
        `${ms(item.wall.median)} (max ${ms(item.wall.max)}), exit ${item.codes.join('/')}`,
        `≤ ${ms(item.limitMs)}`,
        yes(item.met),
      ]);
    }
  }
  const d = r.fleet;
  if (d && !d.skipped) {
    rows.push([
      `d. ${d.targets} targets, --concurrency ${d.concurrency}, vs xargs -P ${d.concurrency} curl`,
      `${ratio(d.doctor.wall.median, d.curl.wall.median)} (${ms(d.doctor.wall.median)} vs ${ms(d.curl.wall.median)})`,
      '< 1× (faster)',
      yes(d.ratio < 1),
    ]);
    rows.push([
      'd. peak RSS of that ftp-doctor run',
      mb(d.doctor.maxRssKb.max),
      `≤ ${TARGETS.fleetRssMb} MB`,
      yes(d.doctor.maxRssKb.max / 1024 <= TARGETS.fleetRssMb),
    ]);
  }
  const e = r.probeMemory;
  if (e && !e.skipped) {
    rows.push([
      'e. peak RSS of one probe vs `node -e 0`',
      `${ratio(e.probe.median, e.node.median)} (${mb(e.probe.median)} vs ${mb(e.node.median)})`,
      `≤ ${TARGETS.memory}×`,
      yes(e.ratio <= TARGETS.memory),
    ]);
  }
  return rows;
}

/** table renders a Markdown table with padded columns (as biome formats Markdown). */
function table(header, rows) {
  const all = [header, ...rows];
  const width = (text) => [...text].length;
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => width(row[column]))));
  const line = (row) =>
    `| ${row.map((cell, column) => cell + ' '.repeat(widths[column] - width(cell))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

function skippedLine(section) {
  return section?.skipped ? `Not measured: ${section.skipped}.` : null;
}

/** renderResults writes bench/RESULTS.md. */
export function renderResults(env, r) {
  const out = [
    '# ftp-doctor benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${env.date}: node ${env.node}, ${env.cpus}, Linux ${env.kernel};`,
    `${env.curl}. Load average ${env.loadAtStart} at the start, ${env.loadAtEnd} at the end: the`,
    'machine may be shared, so every comparison is made within one run, with the contenders',
    'interleaved, and given as medians with min–max.',
    '',
    '## Targets',
    '',
    table(['what', 'measured', 'goal', ''], targetRows(r)),
    '',
  ];

  const a = r.coldStart;
  out.push('## a. Cold start', '');
  if (a?.skipped) out.push(skippedLine(a), '');
  else if (a) {
    out.push(
      `Each command started as a new process, ${a.runs} times, interleaved, after 3 warm-up rounds; wall time from spawn to exit.`,
      '',
      table(
        ['command', 'median (min–max)', 'vs node'],
        [
          ['`node -e 0`', spread(a.node), '1.00×'],
          ['`ftp-doctor --version`', spread(a.version), ratio(a.version.median, a.node.median)],
          ['`ftp-doctor explain 229`', spread(a.explain), ratio(a.explain.median, a.node.median)],
        ],
      ),
      '',
    );
    if (a.failures.length > 0) out.push(`Failures: ${a.failures.join('; ')}`, '');
  }

  const b = r.latency;
  out.push('## b. Latency: 100 ms round trip', '');
  if (b?.skipped) out.push(skippedLine(b), '');
  else if (b) {
    out.push(
      `vsftpd runs in a network namespace reached through bench/lib/tunDelay.py, which holds every packet ${b.delayMs} ms in each direction (this kernel has no netem). Measured through it: TCP connect ${spread(b.connectMs)}, NOOP → 200 ${spread(b.noopMs)}.`,
      `Both tools ran ${b.doctor.wall.n} times, interleaved. Round trips are counted in the link's own packet log: TCP connects plus turns (the client sending after the server spoke; commands sent together count once). Connections overlap, so the wall time is the better measure of the critical path.`,
      '',
      table(
        ['', 'wall median (min–max)', 'connects', 'turns', 'what it did'],
        [
          [
            'ftp-doctor (default probe)',
            spread(b.doctor.wall),
            `${b.doctor.connects.median}`,
            `${b.doctor.turns.median}`,
            b.doctor.did,
          ],
          [
            'curl -s --list-only',
            spread(b.curl.wall),
            `${b.curl.connects.median}`,
            `${b.curl.turns.median}`,
            b.curl.did,
          ],
        ],
      ),
      '',
      `ftp-doctor / curl: **${ratio(b.doctor.wall.median, b.curl.wall.median)}** (ftp-doctor's own probe time in its JSON report: ${ms(b.doctor.probeMs)}; the rest is node starting). Exit codes: ftp-doctor ${b.doctor.codes.join('/')}, curl ${b.curl.codes.join('/')}.`,
      '',
    );
  }

  const c = r.filteredPort;
  out.push('## c. Filtered data port', '');
  if (c?.skipped) out.push(skippedLine(c), '');
  else if (c) {
    out.push(
      'vsftpd in a namespace behind a plain veth pair; nftables in the namespace DROPs every SYN to the passive range, so both the EPSV and the PASV port stay silent. Default probe with the given --data-timeout.',
      '',
      table(
        ['--data-timeout', 'wall median (min–max)', 'probe time (JSON)', 'limit', 'exit', 'findings'],
        c.cases.map((item) => [
          ms(item.timeoutMs),
          spread(item.wall),
          spread(item.probe),
          ms(item.limitMs),
          item.codes.join('/'),
          item.findings.map((id) => `\`${id}\``).join(', '),
        ]),
      ),
      '',
    );
  }

  const d = r.fleet;
  out.push('## d. Fleet', '');
  if (d?.skipped) out.push(skippedLine(d), '');
  else if (d) {
    out.push(
      `${d.targets} targets on 127.0.0.1: ${d.fakeServers} fake servers (src/fakeServer, one helper process) and ${d.realServers} vsftpd. \`ftp-doctor --targets-file … --concurrency ${d.concurrency}\` (default human output) against \`xargs -P ${d.concurrency} -n 1 curl -s --list-only\`, one listing per target; ${d.doctor.wall.n} rounds, interleaved.`,
      '',
      table(
        ['', 'wall median (min–max)', 'peak RSS', 'exit'],
        [
          [
            `ftp-doctor (${d.doctor.reports.join('/')} reports)`,
            spread(d.doctor.wall),
            `${mb(d.doctor.maxRssKb.median)} (max ${mb(d.doctor.maxRssKb.max)})`,
            d.doctor.codes.join('/'),
          ],
          ['xargs + curl', spread(d.curl.wall), '—', d.curl.codes.join('/')],
        ],
      ),
      '',
    );
  }

  const e = r.probeMemory;
  out.push('## e. Memory of one probe', '');
  if (e?.skipped) out.push(skippedLine(e), '');
  else if (e) {
    out.push(
      `Peak RSS (getrusage maxrss, read by bench/lib/maxRss.cjs loaded with --require into each process) over ${e.rounds} interleaved rounds; the probe is a default probe of a vsftpd on 127.0.0.1 (exit ${e.codes.join('/')}).`,
      '',
      table(
        ['process', 'median (min–max)', 'vs node'],
        [
          ['`node -e 0`', spread(e.node, mb), '1.00×'],
          ['`ftp-doctor 127.0.0.1:PORT`', spread(e.probe, mb), ratio(e.probe.median, e.node.median)],
          ['`ftp-doctor explain 229`', spread(e.explain, mb), ratio(e.explain.median, e.node.median)],
        ],
      ),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** renderReadmeSection: the summary that goes between the README's bench markers. */
export function renderReadmeSection(env, r) {
  return [
    `Measured by \`npm run bench\` (as root) on ${env.date.slice(0, 10)}, node ${env.node}, ${env.cpus}; details and method in [bench/RESULTS.md](bench/RESULTS.md).`,
    '',
    table(['what', 'measured', 'goal', ''], targetRows(r)),
  ].join('\n');
}
