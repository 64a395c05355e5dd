import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeFtpServer, startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import { runCli } from '../support/runCli.js';
import { startSilentListener } from '../support/silentListener.js';
import { type ExporterProcess, metricValue, request, startExporter } from './exporterProcess.js';

const SECRET = 'Pw-71b2-module-secret';

let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ftp-doctor-serve-limits-'));
  await writeFile(join(dir, 'feed-password'), `${SECRET}\n`, { mode: 0o600 });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function config(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function exporter(args: readonly string[]): Promise<ExporterProcess> {
  const started = await startExporter(args);
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

function probeLogs(serve: ExporterProcess): Record<string, unknown>[] {
  return serve
    .logLines()
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'probe');
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('a module that holds a password', () => {
  it('is refused at start without its own allowed_targets', async () => {
    const path = await config('no-own-list.yml', [
      'allowed_targets: ["127.0.0.0/8"]',
      'modules:',
      '  feed:',
      '    user: feed',
      '    password_file: feed-password',
    ]);
    const failure = await startExporter(['--config', path]).then(
      (started) => started.stop().then(() => 'started'),
      (error: Error) => error.message,
    );
    expect(failure).toContain('serve exited 2');
    expect(failure).toContain(
      `${path}:5: modules.feed.password_file: a module with a password needs its own allowed_targets`,
    );
  });

  it('reaches only targets in both lists, and refuses a URL user that would get its password', async () => {
    const server = await fake({ anonymous: false, users: { feed: SECRET } });
    const elsewhere = await silentListener('127.0.0.2');
    const path = await config('scoped.yml', [
      'allowed_targets: ["127.0.0.0/8"]',
      'modules:',
      '  feed:',
      '    user: feed',
      '    password_file: feed-password',
      '    allowed_targets: ["127.0.0.1"]',
      '  anonymous: {}',
    ]);
    const serve = await exporter(['--config', path]);
    const good = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}&module=feed`);
    expect(metricValue(good.body, 'probe_success')).toBe(1);

    const outside = await request(`${serve.url}/probe?target=127.0.0.2:${elsewhere.port}&module=feed`);
    expect(outside.status).toBe(403);
    expect(outside.body).toContain('not in the allowed_targets of module "feed"');
    // The global list alone allows it: a module without a password may go there.
    expect(
      (
        await request(`${serve.url}/probe?target=127.0.0.2:${elsewhere.port}&module=anonymous`, {
          headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '1' },
        })
      ).status,
    ).toBe(200);
    expect(elsewhere.accepted()).toBe(1);

    const seenBefore = server.commandsSeen.length;
    const urlUser = encodeURIComponent(`ftp://alice@127.0.0.1:${server.port}/`);
    const refused = await request(`${serve.url}/probe?target=${urlUser}&module=feed`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('a user name in the target URL is refused with module "feed"');
    expect(server.commandsSeen.length).toBe(seenBefore);
    // Without a module password the URL's user is the user to probe with.
    const asAlice = await request(`${serve.url}/probe?target=${urlUser}&module=anonymous`);
    expect(asAlice.status).toBe(200);
    expect(server.commandsSeen).toContain('USER alice');
    expect(server.commandsSeen.filter((command) => command === 'USER alice')).toHaveLength(1);
  });
});

describe('the probe deadline', () => {
  it('never exceeds the module deadline, whatever X-Prometheus-Scrape-Timeout-Seconds says', async () => {
    const server = await fake();
    const silent = await silentListener('127.0.0.1');
    const path = await config('deadline.yml', [
      'allowed_targets: ["127.0.0.1"]',
      'modules:',
      '  default: {}',
      '  short: { deadline: 1s }',
    ]);
    const serve = await exporter(['--config', path]);
    const scrape = (target: string, module: string, header: string) =>
      request(`${serve.url}/probe?target=${target}&module=${module}`, {
        headers: { 'X-Prometheus-Scrape-Timeout-Seconds': header },
      });
    const huge = await scrape(`127.0.0.1:${silent.port}`, 'short', '1e9');
    expect(metricValue(huge.body, 'probe_success')).toBe(0);
    const debug = await request(
      `${serve.url}/probe?target=127.0.0.1:${silent.port}&module=short&debug=true`,
      {
        headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '1e9' },
      },
    );
    expect(debug.body).not.toContain('Could not connect');
    for (const header of ['1e9', 'Infinity', '-5', 'NaN', '1e400'])
      await scrape(`127.0.0.1:${server.port}`, 'default', header);
    await scrape(`127.0.0.1:${server.port}`, 'default', '10');
    expect(probeLogs(serve).map((entry) => entry.deadline_seconds)).toEqual([1, 1, 60, 60, 60, 60, 60, 9.5]);
    expect(serve.logLines().join('\n')).not.toContain('TimeoutOverflowWarning');
  });
});

describe('strict', () => {
  it('in a module turns warnings into probe_success 0 and exit code 1', async () => {
    // The fake server offers no TLS: a warning, no failure.
    const server = await fake();
    const path = await config('strict.yml', [
      'allowed_targets: ["127.0.0.1"]',
      'modules:',
      '  lenient: {}',
      '  strict: { strict: true }',
    ]);
    const serve = await exporter(['--config', path]);
    const labels = `target="127.0.0.1:${server.port}",address="127.0.0.1"`;
    const lenient = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}&module=lenient`);
    expect(metricValue(lenient.body, 'probe_success')).toBe(1);
    expect(metricValue(lenient.body, `ftp_doctor_exit_code{${labels}}`)).toBe(0);
    const strict = await request(`${serve.url}/probe?target=127.0.0.1:${server.port}&module=strict`);
    expect(metricValue(strict.body, 'probe_success')).toBe(0);
    expect(metricValue(strict.body, `ftp_doctor_probe_success{${labels}}`)).toBe(0);
    expect(metricValue(strict.body, `ftp_doctor_exit_code{${labels}}`)).toBe(1);
    const metrics = await request(`${serve.url}/metrics`);
    expect(
      metricValue(metrics.body, 'ftp_doctor_exporter_probes_total{module="strict",result="failure"}'),
    ).toBe(1);
    expect(probeLogs(serve).map((entry) => entry.exit_code)).toEqual([0, 1]);
  });

  it('on the command line: --strict --format prometheus writes the exit code the process returns', async () => {
    const server = await fake();
    const run = await runCli([`127.0.0.1:${server.port}`, '--strict', '--format', 'prometheus']);
    expect(run.code).toBe(1);
    const labels = `target="127.0.0.1:${server.port}",address="127.0.0.1"`;
    expect(metricValue(run.stdout, `ftp_doctor_exit_code{${labels}}`)).toBe(1);
    expect(run.stdout).toMatch(
      /# HELP ftp_doctor_exit_code .*0 healthy, 1 warnings \(strict\), 3 .*, 10 internal error, 11 incomplete/,
    );
  });
});

describe('exporter metrics and HTTP edges', () => {
  it('exports every rejection reason and every module x result from the start and after a reload', async () => {
    const path = await config('init.yml', ['allowed_targets: ["127.0.0.1"]', 'modules:', '  first: {}']);
    const serve = await exporter(['--config', path]);
    let metrics = (await request(`${serve.url}/metrics`)).body;
    for (const reason of [
      'not_allowed',
      'in_flight_limit',
      'bad_request',
      'query_too_long',
      'headers_too_large',
      'shutting_down',
    ])
      expect(metricValue(metrics, `ftp_doctor_exporter_requests_rejected_total{reason="${reason}"}`)).toBe(0);
    for (const module of ['first', 'default'])
      for (const result of ['success', 'failure', 'cancelled'])
        expect(
          metricValue(metrics, `ftp_doctor_exporter_probes_total{module="${module}",result="${result}"}`),
        ).toBe(0);
    await writeFile(path, 'allowed_targets: ["127.0.0.1"]\nmodules:\n  second: {}\n');
    expect((await request(`${serve.url}/-/reload`, { method: 'POST' })).status).toBe(200);
    metrics = (await request(`${serve.url}/metrics`)).body;
    expect(metricValue(metrics, 'ftp_doctor_exporter_probes_total{module="second",result="cancelled"}')).toBe(
      0,
    );
  });

  it('names the config file as it was given when a reload is refused', async () => {
    await config('relative.yml', ['allowed_targets: ["127.0.0.1"]', 'modules:', '  first: {}']);
    const serve = await startExporter(['--config', 'relative.yml'], {}, dir);
    cleanups.push(() => serve.stop());
    await config('relative.yml', [
      'allowed_targets: ["127.0.0.1"]',
      'modules:',
      '  feed:',
      '    user: feed',
      '    password_env: FTP_DOCTOR_TEST_UNSET_VARIABLE',
      '    allowed_targets: ["127.0.0.1"]',
    ]);
    const refused = await request(`${serve.url}/-/reload`, { method: 'POST' });
    expect(refused.status).toBe(500);
    expect(refused.body).toBe(
      'config not reloaded; keeping the previous one: relative.yml:5: modules.feed.password_env: the variable FTP_DOCTOR_TEST_UNSET_VARIABLE is not set\n',
    );
  });

  it('answers request headers over 8 KB with 431 and a reason', async () => {
    const serve = await exporter([]);
    const { port } = new URL(serve.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.write(`GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(9000)}\r\n\r\n`);
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large/);
    expect(answer).toContain('request headers are larger than 8192 bytes');
    const metrics = (await request(`${serve.url}/metrics`)).body;
    expect(
      metricValue(metrics, 'ftp_doctor_exporter_requests_rejected_total{reason="headers_too_large"}'),
    ).toBe(1);
  });

  it('counts a scrape the client gave up on as cancelled, not as a failed probe', async () => {
    const silent = await silentListener('127.0.0.1');
    const serve = await exporter([]);
    const gaveUp = await fetch(`${serve.url}/probe?target=127.0.0.1:${silent.port}`, {
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(gaveUp).toBe('TimeoutError');
    const count = async (result: string) =>
      metricValue(
        (await request(`${serve.url}/metrics`)).body,
        `ftp_doctor_exporter_probes_total{module="default",result="${result}"}`,
      );
    await until(async () => (await count('cancelled')) === 1, 'the cancelled probe to be counted');
    expect(await count('failure')).toBe(0);
  });

  it('says which limit a 503 hit', async () => {
    const silent = await silentListener('127.0.0.1');
    const serve = await exporter(['--max-in-flight', '1']);
    const first = request(`${serve.url}/probe?target=127.0.0.1:${silent.port}`, {
      headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '2' },
    });
    await until(
      async () =>
        metricValue((await request(`${serve.url}/metrics`)).body, 'ftp_doctor_exporter_probes_in_flight') ===
        1,
      'one probe in flight',
    );
    const refused = await request(`${serve.url}/probe?target=127.0.0.1:${silent.port}`);
    expect(refused.status).toBe(503);
    expect(refused.body).toBe(
      '1 probe is running already, as many as --max-in-flight allows; try again later\n',
    );
    await first;
  });
});
