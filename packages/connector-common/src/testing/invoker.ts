import {spawn} from 'node:child_process';

export interface InvocationResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs the connector CLI with args like ['read','--config',p,'--catalog',c,'--state',s]. */
export type ConnectorInvoker = (args: string[]) => Promise<InvocationResult>;

export interface SpawnInvokerOptions {
  /** Kill the connector after this long (default 10 minutes) so a hung read cannot hang jest. */
  timeoutMs?: number;
}

/** Exit code reported for a connector killed by the timeout (as coreutils `timeout` does). */
export const TIMEOUT_EXIT_CODE = 124;

/**
 * Invokes `node <binPath> <args>` as its own process, like the platform runs the image: no
 * stdin (sources read nothing from it), stdout and stderr captured separately. `env` is added
 * to the current environment.
 */
export function spawnInvoker(
  binPath: string,
  env?: Record<string, string>,
  options: SpawnInvokerOptions = {}
): ConnectorInvoker {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  return (args) =>
    new Promise<InvocationResult>((resolve, reject) => {
      const child = spawn(process.execPath, [binPath, ...args], {
        env: {...process.env, ...env},
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`could not start connector ${binPath}: ${err.message}`, {cause: err}));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const note = timedOut ? `\n[conformance] connector killed after ${timeoutMs} ms\n` : '';
        resolve({
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8') + note,
          exitCode: timedOut
            ? TIMEOUT_EXIT_CODE
            : (code ?? (signal === null ? 1 : 128 + signalNumber(signal))),
        });
      });
    });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGINT: 2,
    SIGKILL: 9,
    SIGTERM: 15,
    SIGABRT: 6,
  };
  return numbers[signal] ?? 0;
}
