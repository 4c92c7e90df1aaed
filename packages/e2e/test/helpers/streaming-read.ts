/**
 * A `read` whose stdout is watched line by line as the process writes it, so a test can act
 * at a checkpoint: inject a fault mid-read, or SIGKILL the process right after its Nth STATE
 * (what a node eviction or an OOM kill does to a sync).
 */
import {
  assertConforms,
  checkRead,
  parseMessages,
  type ConfiguredAirbyteCatalog,
  type ConnectorRun,
  type StreamStateInput,
} from '@korea-candles/connector-common/testing';
import {spawn} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {summarize, type ReadRun} from './connector';
import {CANDLE_STREAM} from './records';
import type {SourceUnderTest} from './sources';

/**
 * Called after the Nth STATE of the candle stream (1-based) reached stdout, with that state's
 * cursor per market.
 */
export type CheckpointHook = (checkpoint: number, cursors: Record<string, string>) => 'kill' | void;

export interface StreamingReadInputs {
  config: Record<string, unknown>;
  catalog: ConfiguredAirbyteCatalog;
  state?: StreamStateInput[];
  onCheckpoint?: CheckpointHook;
  timeoutMs?: number;
  /**
   * A slow destination: after each chunk of stdout, stop reading for this many ms per line in
   * it, so the pipe fills and the connector waits for 'drain' (as behind a real destination).
   */
  lineDelayMs?: number;
}

export interface StreamingReadRun extends ReadRun {
  /** The test killed the process (SIGKILL) at this checkpoint. */
  readonly killedAt?: number;
}

/** What a SIGKILL explains in a read's output; every other conformance rule still applies. */
const EXPLAINED_BY_KILL = [
  /^read: exit code 137 without a TRACE ERROR/,
  /: no COMPLETE or INCOMPLETE status/,
];

export async function streamingRead(
  source: SourceUnderTest,
  inputs: StreamingReadInputs
): Promise<StreamingReadRun> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-read-'));
  try {
    const args = ['read'];
    for (const [name, value] of [
      ['config', inputs.config],
      ['catalog', inputs.catalog],
      ['state', inputs.state],
    ] as const) {
      if (value === undefined) continue;
      await writeFile(join(dir, `${name}.json`), JSON.stringify(value), 'utf8');
      args.push(`--${name}`, join(dir, `${name}.json`));
    }
    const {stdout, stderr, exitCode, killedAt} = await runWatched(source.bin, args, inputs);
    const parsed = parseMessages(stdout);
    const run: ConnectorRun = {
      args,
      result: {stdout, stderr, exitCode},
      parsed,
      messages: parsed.messages,
    };
    const violations = checkRead(run.messages, {
      catalog: inputs.catalog,
      exitCode,
      ...(inputs.state === undefined ? {} : {inputState: inputs.state}),
    }).filter((v) => killedAt === undefined || !EXPLAINED_BY_KILL.some((re) => re.test(v)));
    assertConforms(
      `${source.exchange} read${killedAt ? ` killed at STATE ${killedAt}` : ''}`,
      violations,
      run
    );
    return {...summarize(run, exitCode), ...(killedAt === undefined ? {} : {killedAt})};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

function runWatched(
  bin: string,
  args: string[],
  inputs: StreamingReadInputs
): Promise<{stdout: string; stderr: string; exitCode: number; killedAt?: number}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
    const lines: string[] = [];
    const stderr: Buffer[] = [];
    let partial = '';
    let checkpoints = 0;
    let killedAt: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), inputs.timeoutMs ?? 60_000);

    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        // Whatever the process wrote after the kill signal is not read: the platform would not see it either.
        if (killedAt !== undefined) return;
        lines.push(line);
        const cursors = candleStateCursors(line);
        if (cursors === undefined) continue;
        checkpoints++;
        if (inputs.onCheckpoint?.(checkpoints, cursors) === 'kill') {
          killedAt = checkpoints;
          child.kill('SIGKILL');
        }
      }
      if (inputs.lineDelayMs && parts.length > 0) {
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), inputs.lineDelayMs * parts.length);
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A line cut off by the kill is not a message; a complete last line without '\n' is.
      if (killedAt === undefined && partial !== '') lines.push(partial);
      resolve({
        stdout: lines.map((l) => `${l}\n`).join(''),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode: code ?? (signal === 'SIGKILL' ? 137 : 1),
        ...(killedAt === undefined ? {} : {killedAt}),
      });
    });
  });
}

/** The cursors of a candle-stream STATE line; undefined for any other line. */
function candleStateCursors(line: string): Record<string, string> | undefined {
  if (!line.startsWith('{') || !line.includes('"STATE"')) return undefined;
  const message = JSON.parse(line) as {
    type?: string;
    state?: {stream?: AirbyteStreamState};
  };
  const stream = message.state?.stream;
  if (message.type !== 'STATE' || stream?.stream_descriptor?.name !== CANDLE_STREAM)
    return undefined;
  return Object.fromEntries(
    Object.entries(stream.stream_state?.markets ?? {}).map(([m, c]) => [m, c.candle_start_utc])
  );
}

interface AirbyteStreamState {
  stream_descriptor?: {name?: string};
  stream_state?: {markets?: Record<string, {candle_start_utc: string}>};
}
