import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { startSilentListener } from '../support/silentListener.js';
import { type ExporterProcess, metricValue, request, startExporter } from './exporterProcess.js';

const SECRET = 'Pw-3f9c1e-never-shown';

let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-serve-'));
  await writeFile(join(dir, 'feed-password'), `${SECRET}\n`, { mode: 0o600 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function config(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function exporter(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ExporterProcess> {
  const started = await startExporter(args, env);
  cleanups.push(() => started.stop());
  return started;
}

async function fake(script: Parameters<typeof startFakeFtpServer>[0] = {}): Promise<FakeFtpServer> {
  const server = await startFakeFtpServer(script);
  cleanups.push(() => server.close());
  return server;
}

/** silentListener: a port that accepts and never greets, closed after the test. */
async function silentListener(host: string): Promise<{ port: number; accepted: () => number }> {
  const listener = await startSilentListener(host);
  cleanups.push(() => listener.close());
  return listener;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('ftp-doctor serve against fake servers', () => {
  it('a module may run the write test: the scrape uploads, reads back and deletes a file', async () => {
    const server = await fake({ users: { feed: SECRET }, uploads: 'stored' });
    const path = await config(
      'upload.yml',
      [
        'allowed_targets: ["127.0.0.1"]',
        'modules:',
        '  upload:',
        '    user: feed',
        '    password_file: feed-password',
        '    allowed_targets: ["127.0.0.1"]',
        '    tls: "off"',
        '    write_test: true',
        '    write_size: 1024',
        '',
      ].join('\n'),
    );
    const serve = await exporter(['--config', path]);
    const probe = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}&module=upload`);
    expect(probe.status).toBe(200);
    expect(metricValue(probe.body, 'probe_success')).toBe(1);
    const verbs = server.commandsSeen.map((command) => command.split(' ')[0]);
    expect(verbs).toEqual(expect.arrayContaining(['STOR', 'RETR', 'DELE']));
  });

  it('answers probe_success, probe_duration_seconds and the ftp_doctor_* series for a healthy server', async () => {
    const server = await fake();
    const serve = await exporter([]);
    const probe = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}`);
    expect(probe.status).toBe(200);
    expect(probe.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metricValue(probe.body, 'probe_success')).toBe(1);
    expect(metricValue(probe.body, 'probe_duration_seconds')).toBeGreaterThan(0);
    const labels = `target="127.0.0.1:${server.port}",address="127.0.0.1"`;
    expect(metricValue(probe.body, `ftp_doctor_exit_code{${labels}}`)).toBe(0);
    expect(metricValue(probe.body, `ftp_doctor_data_port_state{${labels},mode="epsv",state="open"}`)).toBe(1);

    const debug = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}&debug=true`);
    expect(debug.type).toMatch(/^text\/plain; charset/);
    expect(debug.body).toContain(`ftp-doctor report: 127.0.0.1:${server.port}`);
    expect(debug.body).toContain('probe_success 1');

    const page = await request(`${serve.url}/`);
    expect(page.type).toMatch(/text\/html/);
    const link = /href="(\/report\?id=\d+)"/.exec(page.body);
    expect(link).not.toBeNull();
    const report = await request(`${serve.url}${link![1]}`);
    expect(report.body).toContain(`ftp-doctor report: 127.0.0.1:${server.port}`);

    const metrics = await request(`${serve.url}/metrics`);
    expect(
      metricValue(metrics.body, 'ftp_doctor_exporter_probes_total{module="default",result="success"}'),
    ).toBe(2);
    expect(metricValue(metrics.body, 'process_open_fds')).toBeGreaterThan(0);
    expect((await request(`${serve.url}/-/healthy`)).status).toBe(200);

    const logged = serve.logLines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.filter((entry) => entry.msg === 'probe')).toHaveLength(2);
    expect(logged.find((entry) => entry.msg === 'probe')).toMatchObject({
      target: `127.0.0.1:${server.port}`,
      module: 'default',
      // The fake server offers no TLS: a warning, which still counts as success.
      verdict: 'warning',
    });
  });

  it('escapes server text on the status page', async () => {
    const server = await fake({ greeting: '421 <script>alert(1)</script> & "too many"' });
    const serve = await exporter([]);
    const probe = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}`);
    expect(metricValue(probe.body, 'probe_success')).toBe(0);
    const page = await request(`${serve.url}/`);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;too many&#34;');
  });

  it('answers 403 for a target outside allowed_targets, without a connection or a lookup', async () => {
    const outside = await silentListener('127.0.0.2');
    const path = await config(
      'allow.yml',
      'allowed_targets: ["127.0.0.1", "*.allowed.test"]\nmodules:\n  default: {}\n',
    );
    const serve = await exporter(['--config', path]);
    const refused = await request(`${serve.url}/probe?target=127.0.0.2:${outside.port}`);
    expect(refused.status).toBe(403);
    // A name outside the patterns is refused before it is resolved (.invalid never resolves anyway).
    expect((await request(`${serve.url}/probe?target=ftp.other.invalid`)).status).toBe(403);
    expect((await request(`${serve.url}/probe?target=a.b.allowed.test`)).status).toBe(403);
    expect(outside.accepted()).toBe(0);
    const metrics = await request(`${serve.url}/metrics`);
    expect(
      metricValue(metrics.body, 'ftp_doctor_exporter_requests_rejected_total{reason="not_allowed"}'),
    ).toBe(3);
    expect(
      metricValue(metrics.body, 'ftp_doctor_exporter_probes_total{module="default",result="failure"}'),
    ).toBe(0);
  });

  it('refuses bad queries: no target, unknown module, a password in the URL, an overlong request', async () => {
    const serve = await exporter([]);
    expect((await request(`${serve.url}/probe`)).status).toBe(400);
    expect((await request(`${serve.url}/probe?target=127.0.0.1&module=nope`)).status).toBe(400);
    const withPassword = await request(
      `${serve.url}/probe?target=${encodeURIComponent(`ftp://u:${SECRET}@127.0.0.1/`)}`,
    );
    expect(withPassword.status).toBe(400);
    expect(withPassword.body).not.toContain(SECRET);
    expect((await request(`${serve.url}/probe?target=${'a'.repeat(3000)}`)).status).toBe(414);
    expect((await request(`${serve.url}/-/reload`)).status).toBe(405);
    expect(serve.logLines().join('\n')).not.toContain(SECRET);
  });

  it('answers 503 past the in-flight limit, and counts it', async () => {
    const silent = await silentListener('127.0.0.1');
    const serve = await exporter(['--max-in-flight', '2']);
    const slow = { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '3' } };
    const running = [1, 2].map(() => request(`${serve.url}/probe?target=127.0.0.1:${silent.port}`, slow));
    await until(async () => {
      const metrics = await request(`${serve.url}/metrics`);
      return metricValue(metrics.body, 'ftp_doctor_exporter_probes_in_flight') === 2;
    }, 'two probes in flight');
    const third = await request(`${serve.url}/probe?target=127.0.0.1:${silent.port}`);
    expect(third.status).toBe(503);
    const answers = await Promise.all(running);
    expect(answers.map((answer) => [answer.status, metricValue(answer.body, 'probe_success')])).toEqual([
      [200, 0],
      [200, 0],
    ]);
    const metrics = await request(`${serve.url}/metrics`);
    expect(
      metricValue(metrics.body, 'ftp_doctor_exporter_requests_rejected_total{reason="in_flight_limit"}'),
    ).toBe(1);
    // Each probe's deadline was the scrape timeout (3 s) less the 500 ms margin.
    const probes = serve
      .logLines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'probe');
    expect(probes.map((entry) => entry.deadline_seconds)).toEqual([2.5, 2.5]);
  });

  it('closes the connection of a client that never finishes its request headers', async () => {
    const serve = await exporter([]);
    const { port } = new URL(serve.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.write('GET /probe?target=127.0.0.1 HTTP/1.1\r\nHost: x\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('reloads a good config on POST /-/reload and SIGHUP, and keeps the last good one when the new one is bad', async () => {
    const server = await fake();
    const path = await config('reload.yml', 'allowed_targets: ["127.0.0.1"]\nmodules:\n  first: {}\n');
    const serve = await exporter(['--config', path]);
    const probeWith = (module: string) =>
      request(`${serve.url}/probe?target=127.0.0.1:${server.port}&module=${module}`);
    expect((await probeWith('first')).status).toBe(200);

    await writeFile(path, 'allowed_targets: ["127.0.0.1"]\nmodules:\n  first:\n    connect_timeout: soon\n');
    const bad = await request(`${serve.url}/-/reload`, { method: 'POST' });
    expect(bad.status).toBe(500);
    expect(bad.body).toContain(`${path}:4: modules.first.connect_timeout: "soon" is not a duration`);
    expect((await probeWith('first')).status).toBe(200);
    let metrics = await request(`${serve.url}/metrics`);
    expect(metricValue(metrics.body, 'ftp_doctor_exporter_config_last_reload_successful')).toBe(0);

    await writeFile(path, 'allowed_targets: ["127.0.0.1"]\nmodules:\n  second: {}\n');
    serve.child.kill('SIGHUP');
    await until(async () => (await probeWith('second')).status === 200, 'the SIGHUP reload');
    metrics = await request(`${serve.url}/metrics`);
    expect(metricValue(metrics.body, 'ftp_doctor_exporter_config_last_reload_successful')).toBe(1);
    expect((await probeWith('first')).status).toBe(400);
    expect((await request(`${serve.url}/-/reload`, { method: 'POST' })).status).toBe(200);
    const errors = serve.logLines().filter((line) => line.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${path}:4: modules.first.connect_timeout`);
  });

  it('refuses an invalid config at start with its file, line and reason (exit 2)', async () => {
    const path = await config('bad.yml', 'allowed_targets: ["127.0.0.1"]\nmodules:\n  a:\n    password: x\n');
    const started = await startExporter(['--config', path]).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(started).toContain('serve exited 2');
    expect(started).toContain(
      `${path}:4: modules.a.password: a password may not be written in the config file`,
    );
  });

  it('finishes the probes in flight on SIGTERM, then exits 0', async () => {
    const silent = await silentListener('127.0.0.1');
    const serve = await exporter([]);
    const slow = { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '2' } };
    const running = [1, 2].map(() => request(`${serve.url}/probe?target=127.0.0.1:${silent.port}`, slow));
    await until(async () => {
      const metrics = await request(`${serve.url}/metrics`);
      return metricValue(metrics.body, 'ftp_doctor_exporter_probes_in_flight') === 2;
    }, 'two probes in flight');
    serve.child.kill('SIGTERM');
    const answers = await Promise.all(running);
    expect(answers.map((answer) => [answer.status, metricValue(answer.body, 'probe_success')])).toEqual([
      [200, 0],
      [200, 0],
    ]);
    expect(await serve.exited).toBe(0);
    const logged = serve.logLines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.find((entry) => entry.msg === 'shutting down')).toMatchObject({ probes_in_flight: 2 });
    expect(logged.at(-1)).toMatchObject({ msg: 'stopped' });
  });

  it('never shows a module password in a response, a log line or a metric, even when the server repeats it', async () => {
    const honest = await fake({ anonymous: false, users: { feed: SECRET } });
    const echoing = await fake({
      anonymous: false,
      users: { feed: SECRET },
      replies: { PASS: ({ arg }) => `530 Login incorrect for password ${arg}` },
    });
    const path = await config(
      'password.yml',
      [
        'allowed_targets: ["127.0.0.1"]',
        'modules:',
        '  feed: { user: feed, password_file: feed-password, allowed_targets: [127.0.0.1] }',
        '  feed-env: { user: feed, password_env: FEED_PASSWORD, allowed_targets: [127.0.0.1] }',
        '',
      ].join('\n'),
    );
    const serve = await exporter(['--config', path], { FEED_PASSWORD: SECRET });
    const bodies: string[] = [];
    for (const module of ['feed', 'feed-env']) {
      // The honest server accepts only the right password: success shows the module sent it.
      const good = await request(`${serve.url}/probe?target=127.0.0.1:${honest.port}&module=${module}`);
      expect(metricValue(good.body, 'probe_success')).toBe(1);
      const echoed = `${serve.url}/probe?target=127.0.0.1:${echoing.port}&module=${module}`;
      const bad = await request(echoed);
      expect(metricValue(bad.body, 'probe_success')).toBe(0);
      bodies.push(good.body, bad.body, (await request(`${echoed}&debug=true`)).body);
    }
    const page = await request(`${serve.url}/`);
    bodies.push(page.body, (await request(`${serve.url}/metrics`)).body);
    for (const [, id] of page.body.matchAll(/report\?id=(\d+)/g))
      bodies.push((await request(`${serve.url}/report?id=${id}`)).body);
    expect(bodies.join('\n')).toContain('530 Login incorrect for password ****');
    await serve.stop();
    for (const text of [...bodies, ...serve.logLines()]) expect(text).not.toContain(SECRET);
  });

  it('require_tls: against a server without TLS it reports the refusal and never sends PASS', async () => {
    const server = await fake({ anonymous: false, users: { feed: SECRET } });
    const path = await config(
      'tls.yml',
      'allowed_targets: ["127.0.0.1"]\nmodules:\n  feed: { user: feed, password_file: feed-password, require_tls: true, allowed_targets: [127.0.0.1] }\n',
    );
    const serve = await exporter(['--config', path]);
    const target = `127.0.0.1:${server.port}`;
    const probe = await request(`${serve.url}/probe?target=${target}&module=feed`);
    expect(metricValue(probe.body, 'probe_success')).toBe(0);
    const debug = await request(`${serve.url}/probe?target=${target}&module=feed&debug=true`);
    expect(debug.body).toMatch(/TLS/);
    expect(server.commandsSeen.some((command) => /^(USER|PASS)\b/.test(command))).toBe(false);
    expect(server.commandsSeen).toContain('AUTH TLS');
  });
});
