import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Runs a composite action's steps the way the Actions runner does: `${{ … }}` expressions in
 * `env` and `run` replaced by their values, each `run` written to a file and started with
 * `bash --noprofile --norc -eo pipefail FILE` (the runner's command for `shell: bash`), with
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and RUNNER_TEMP set, and the step's
 * outputs read back from GITHUB_OUTPUT. Only what this action uses is supported: an unknown
 * expression fails the run instead of being guessed.
 */

export interface ActionInput {
  readonly description: string;
  readonly required?: boolean;
  readonly default?: string;
}

export interface ActionStep {
  readonly name?: string;
  readonly id?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
}

export interface ActionMetadata {
  readonly name: string;
  readonly description: string;
  readonly author?: string;
  readonly branding?: { readonly icon?: string; readonly color?: string };
  readonly inputs: Record<string, ActionInput>;
  readonly outputs: Record<string, { readonly description: string; readonly value: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

export const ACTION_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export async function readAction(root = ACTION_ROOT): Promise<ActionMetadata> {
  return parseYaml(await readFile(join(root, 'action.yml'), 'utf8')) as ActionMetadata;
}

export interface StepRun {
  readonly id: string | undefined;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ActionRun {
  readonly steps: readonly StepRun[];
  /** The exit status of the step that ended the run (the runner stops at the first failure). */
  readonly code: number | null;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly workspace: string;
}

/** Every workspace and runner temp directory runAction made, for removeActionDirectories. */
const madeDirectories: string[] = [];

/** removeActionDirectories deletes what runAction left behind (workspaces, reports, outputs). */
export async function removeActionDirectories(): Promise<void> {
  const dirs = madeDirectories.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

const EXPRESSION = /\$\{\{\s*([^}]+?)\s*\}\}/g;

function substitute(
  text: string,
  values: {
    inputs: Record<string, string>;
    actionPath: string;
    steps: Record<string, Record<string, string>>;
  },
): string {
  return text.replace(EXPRESSION, (_whole, expression: string) => {
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression);
    if (input) {
      const value = values.inputs[input[1]!];
      if (value === undefined) throw new Error(`unknown input in \${{ ${expression} }}`);
      return value;
    }
    if (expression === 'github.action_path') return values.actionPath;
    const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(expression);
    if (output) return values.steps[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`expression the test runner does not know: \${{ ${expression} }}`);
  });
}

/** parseOutputFile reads GITHUB_OUTPUT's `name=value` lines (the heredoc form is not used here). */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const split = line.indexOf('=');
    if (split > 0) outputs[line.slice(0, split)] = line.slice(split + 1);
  }
  return outputs;
}

function runBash(
  file: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * runAction runs every step of the action at `actionPath` with `inputs` (defaults filled in as the
 * runner does) in a fresh workspace directory. An input the action does not declare is an error.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: {
    actionPath?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    onlySteps?: readonly number[];
  } = {},
): Promise<ActionRun> {
  const actionPath = options.actionPath ?? ACTION_ROOT;
  const action = await readAction(actionPath);
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    // Like the runner: a required input left out is not an error by itself, only empty.
    values[name] = inputs[name] ?? input.default ?? '';
  }
  for (const name of Object.keys(inputs)) if (!(name in action.inputs)) throw new Error(`no input ${name}`);

  const workspace = await mkdtemp(join(tmpdir(), 'ftp-doctor-action-'));
  const runnerTemp = await mkdtemp(join(tmpdir(), 'ftp-doctor-action-temp-'));
  madeDirectories.push(workspace, runnerTemp);
  const summaryFile = join(runnerTemp, 'step_summary');
  await writeFile(summaryFile, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const steps: StepRun[] = [];
  let code: number | null = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    if (options.onlySteps && !options.onlySteps.includes(index)) continue;
    if (step.run === undefined)
      throw new Error(`step ${index} has no run: the test runner runs only shell steps`);
    const outputFile = join(runnerTemp, `output_${index}`);
    await writeFile(outputFile, '');
    const scriptFile = join(runnerTemp, `step_${index}.sh`);
    const substituted = { inputs: values, actionPath, steps: stepOutputs };
    await writeFile(scriptFile, substitute(step.run, substituted));
    const stepEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {}))
      stepEnv[name] = substitute(String(value), substituted);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '4242',
      GITHUB_ACTION: `__ftp-doctor_${index}`,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      ...options.env,
      ...stepEnv,
    };
    const result = await runBash(scriptFile, env, workspace, options.timeoutMs ?? 120_000);
    steps.push({ id: step.id, ...result });
    if (step.id !== undefined) stepOutputs[step.id] = parseOutputFile(await readFile(outputFile, 'utf8'));
    code = result.code;
    if (result.code !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(action.outputs)) {
    outputs[name] = substitute(output.value, { inputs: values, actionPath, steps: stepOutputs });
  }
  return { steps, code, outputs, summary: await readFile(summaryFile, 'utf8'), workspace };
}
