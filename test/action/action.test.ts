import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer } from '../../src/fakeServer/fakeServerScript.js';
import type { JsonReport } from '../../src/report/formats/json.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import {
  ACTION_ROOT,
  type ActionMetadata,
  readAction,
  removeActionDirectories,
  runAction,
} from './actionRunner.js';

// The composite action (action.yml), checked against the documented metadata syntax and run step
// by step the way the Actions runner runs it, against a healthy and a broken fake server.

/** BRANDING_COLORS: the colours the metadata syntax allows for `branding.color`. */
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

describe('action.yml metadata', () => {
  let action: ActionMetadata;
  let text: string;
  beforeAll(async () => {
    action = await readAction();
    text = readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8');
  });

  it('has the required keys and runs as a composite action whose steps all name a shell', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.length).toBeGreaterThan(0);
    for (const step of action.runs.steps) {
      expect(step.run !== undefined || step.uses !== undefined).toBe(true);
      if (step.run !== undefined) expect(step.shell).toBe('bash');
    }
    expect(BRANDING_COLORS).toContain(action.branding?.color);
  });

  it('declares inputs with valid ids and descriptions, and uses only those it declares', () => {
    for (const [id, input] of Object.entries(action.inputs)) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
      expect(input.description.length).toBeGreaterThan(10);
      if (input.default !== undefined) expect(typeof input.default).toBe('string');
    }
    const used = [...text.matchAll(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g)].map((m) => m[1]!);
    expect(new Set(used)).toEqual(new Set(Object.keys(action.inputs)));
  });

  it('gives every output a description and a value from a step that writes it', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'file', 'report', 'verdict']);
    for (const output of Object.values(action.outputs)) {
      expect(output.description.length).toBeGreaterThan(10);
      const source = /^\$\{\{ steps\.([a-z-]+)\.outputs\.([a-z-]+) \}\}$/.exec(output.value);
      expect(source, output.value).not.toBeNull();
      const step = action.runs.steps.find((candidate) => candidate.id === source![1]);
      expect(step?.run).toContain(`echo "${source![2]}=`);
    }
  });

  it('never pastes an input into a script: inputs reach the shell as environment variables', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
  });
});

describe('the action, run step by step', () => {
  const servers: FakeFtpServer[] = [];
  let cert: ServerCertificate;
  let healthy: string;
  let broken: string;

  beforeAll(async () => {
    // Valid for 400 days and trusted with --ca: nothing for the report to warn about.
    cert = await generateServerCertificate(['127.0.0.1']);
    const good = await startFakeFtpServer({ tls: { cert: cert.cert, key: cert.key } });
    const bad = await startFakeFtpServer({ dataPort: 'closed' });
    servers.push(good, bad);
    healthy = `127.0.0.1:${good.port}`;
    broken = `127.0.0.1:${bad.port}`;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await cert?.remove();
    await removeActionDirectories();
  });

  it('healthy server: exit code 0, verdict healthy, the JSON report, a summary, a passing step', async () => {
    const run = await runAction({ targets: healthy, args: `--ca ${cert.certPath}` });
    const probe = run.steps[1]!;
    expect(run.code, probe.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-code': '0', verdict: 'healthy', file: '' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as JsonReport;
    expect(report.targets.map((target) => target.target.input)).toEqual([healthy]);
    expect(report.targets[0]!.verdict.status).toBe('healthy');
    expect(probe.stdout).toContain(`::notice title=ftp-doctor ${healthy.replace(':', '%3A')}::healthy`);
    expect(run.summary).toContain('## ftp-doctor');
    expect(run.summary).toContain('| TLS | |');
  });

  it('broken server: the step fails with exit 8, annotations name the closed port, the HTML report is written', async () => {
    const run = await runAction({ targets: broken, format: 'html', samples: '3' });
    const probe = run.steps[1]!;
    expect(run.code).toBe(8);
    expect(run.outputs).toMatchObject({ 'exit-code': '8', verdict: 'failed' });
    expect(probe.stdout).toMatch(/^::error title=127\.0\.0\.1%3A\d+%3A Passive data port closed/m);
    expect(run.summary).toContain('data.port-closed');
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as JsonReport;
    expect(report.exitCode).toBe(8);
    expect(run.outputs.file).toBe('ftp-doctor-report.html');
    expect(readFileSync(join(run.workspace, run.outputs.file!), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('fail-on-error false: the step passes and the outputs still say what happened', async () => {
    const run = await runAction({
      targets: `${healthy}\n${broken}`,
      'fail-on-error': 'false',
      args: '--single-connection',
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'exit-code': '8', verdict: 'failed' });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as JsonReport;
    expect(report.targets).toHaveLength(2);
  });

  it('a usage error fails the step with exit 2 and verdict error; shell text in an input stays text', async () => {
    const marker = join(tmpdir(), `ftp-doctor-action-pwned-${process.pid}`);
    const run = await runAction({
      targets: broken,
      user: `x"; touch ${marker}; echo "$(touch ${marker})`,
      tls: 'maybe',
    });
    expect(run.code).toBe(2);
    expect(run.outputs).toMatchObject({ 'exit-code': '2', verdict: 'error', report: '' });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('the action from a checkout without dist/', () => {
  let checkout = '';
  afterAll(async () => {
    if (checkout !== '') await rm(checkout, { recursive: true, force: true });
    await removeActionDirectories();
  });

  it('builds ftp-doctor in its own directory before probing', async () => {
    checkout = await mkdtemp(join(tmpdir(), 'ftp-doctor-action-checkout-'));
    for (const entry of [
      'action.yml',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'bin',
      'scripts',
      'src',
    ]) {
      await cp(join(ACTION_ROOT, entry), join(checkout, entry), { recursive: true });
    }
    // The dependencies a checkout gets from `npm ci`; linked so the test needs no registry.
    await symlink(join(ACTION_ROOT, 'node_modules'), join(checkout, 'node_modules'));
    const run = await runAction({ targets: '127.0.0.1:1' }, { actionPath: checkout, onlySteps: [0] });
    const version = (
      JSON.parse(readFileSync(join(ACTION_ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(run.code, run.steps[0]!.stderr).toBe(0);
    expect(run.steps[0]!.stdout).toContain(`ftp-doctor ${version} built in ${checkout}`);
    expect(existsSync(join(checkout, 'dist', 'program.cjs'))).toBe(true);
  }, 120_000);
});
