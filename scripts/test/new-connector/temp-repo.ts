import {spawn} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** This checkout's root, wherever it was cloned. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const ROOT_FILES = [
  'package.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'jest.config.base.js',
  'jest-summary-reporter.js',
  'eslint.config.mjs',
  '.prettierrc.json',
  '.prettierignore',
];

/**
 * A throwaway repository with just what a generated connector builds against: the root
 * configs, connector-common's sources, and the installed dependencies linked (not copied).
 * Its tsconfig.build.json lists connector-common only, so `tsc -b` needs nothing else.
 */
export function createTempRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'new-connector-'));
  for (const file of ROOT_FILES) cpSync(path.join(REPO_ROOT, file), path.join(dir, file));
  writeFileSync(
    path.join(dir, 'tsconfig.build.json'),
    `${JSON.stringify({files: [], references: [{path: 'packages/connector-common'}]}, null, 2)}\n`
  );
  const common = path.join(REPO_ROOT, 'packages', 'connector-common');
  const commonCopy = path.join(dir, 'packages', 'connector-common');
  mkdirSync(commonCopy, {recursive: true});
  for (const entry of ['src', 'package.json', 'tsconfig.json']) {
    cpSync(path.join(common, entry), path.join(commonCopy, entry), {recursive: true});
  }
  // connector-common keeps its own ajv 8 (the root one is ajv 6, for the scripts).
  if (existsSync(path.join(common, 'node_modules'))) {
    symlinkSync(path.join(common, 'node_modules'), path.join(commonCopy, 'node_modules'), 'dir');
  }
  // Every installed package links to the real one, except our workspace packages: those must
  // resolve inside the copy, as they do in a real checkout.
  const modules = path.join(dir, 'node_modules');
  mkdirSync(path.join(modules, '@korea-candles'), {recursive: true});
  for (const entry of readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    if (entry === '@korea-candles') continue;
    symlinkSync(path.join(REPO_ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  symlinkSync(commonCopy, path.join(modules, '@korea-candles', 'connector-common'), 'dir');
  return dir;
}

export interface ToolRun {
  status: number | null;
  output: string;
}

/**
 * Runs a repository tool (`typescript/bin/tsc`, `jest/bin/jest.js`...; or a script by its absolute
 * path) with node in `cwd`.
 * Asynchronous, so independent checks of one generated package can run side by side.
 */
export function runTool(
  cwd: string,
  tool: string,
  args: string[],
  timeoutMs = 120_000
): Promise<ToolRun> {
  const env = {...process.env};
  // The outer jest's summary file must not count the inner run's tests.
  delete env.JEST_SUMMARY_FILE;
  return new Promise((resolve, reject) => {
    const script = path.isAbsolute(tool) ? tool : path.join(REPO_ROOT, 'node_modules', tool);
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({status, output}));
  });
}
