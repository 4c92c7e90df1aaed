import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {MemoryOutput} from '../protocol/output';
import {outputLogger} from '../protocol/output-logger';
import {runConnector} from '../runner/run-connector';
import {CandleSource} from '../connector/candle-source';
import type {ExchangeDefinition} from '../definition/exchange-definition';

/** Messages as parsed JSON: tests reach into them freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonMessage = Record<string, any>;

/** What one in-process connector run printed, split by message type. */
export interface InProcessRun {
  readonly code: number;
  readonly messages: JsonMessage[];
  readonly records: JsonMessage[];
  readonly states: JsonMessage[];
  readonly traces: JsonMessage[];
  readonly logs: string[];
}

/**
 * Runs a connector command in this process (so nock can intercept its HTTP) with the given
 * input files written to a temp dir, at a fixed "now".
 */
export async function runInProcess(
  exchange: ExchangeDefinition,
  command: string,
  files: {config?: object; catalog?: object; state?: object},
  nowIso: string
): Promise<InProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), `${exchange.id}-run-`));
  const output = new MemoryOutput();
  let code: number;
  try {
    const args = [command];
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify(content));
      args.push(`--${name}`, path);
    }
    const source = new CandleSource(exchange, outputLogger(output), () => Date.parse(nowIso));
    code = await runConnector(args, {source, output, version: '0.0.0-test'});
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  const messages = output.messages as unknown as JsonMessage[];
  return {
    code,
    messages,
    records: messages.filter((m) => m.type === 'RECORD').map((m) => m.record),
    states: messages.filter((m) => m.type === 'STATE').map((m) => m.state),
    traces: messages.filter((m) => m.type === 'TRACE').map((m) => m.trace),
    logs: messages.filter((m) => m.type === 'LOG').map((m) => `${m.log.level} ${m.log.message}`),
  };
}

/** A configured catalog naming streams and sync modes, as the platform writes it. */
export function configuredCatalog(
  ...streams: Array<[string, 'incremental' | 'full_refresh']>
): object {
  return {
    streams: streams.map(([name, sync_mode]) => ({
      stream: {name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental']},
      sync_mode,
      destination_sync_mode: 'append_dedup',
    })),
  };
}
