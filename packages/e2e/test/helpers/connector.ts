/**
 * Runs a real connector process and checks every read for protocol conformance: whatever a
 * scenario does to the exchange, the output must stay valid Airbyte (records valid, states
 * exact, statuses in order, TRACE ERROR iff non-zero exit).
 */
import {
  assertConforms,
  buildConfiguredCatalog,
  catalogFrom,
  checkRead,
  invokeConnector,
  lastStatePerStream,
  spawnInvoker,
  type AirbyteMessage,
  type ConfiguredAirbyteCatalog,
  type ConnectorRun,
  type StreamStateInput,
} from '@korea-candles/connector-common/testing';

import {CANDLE_STREAM, candleRecords, type CandleData} from './records';
import type {SourceUnderTest} from './sources';

export interface ReadRun {
  readonly run: ConnectorRun;
  readonly exitCode: number;
  readonly records: CandleData[];
  /** The `--state` a resume would get: the last STATE per stream. */
  readonly nextState: StreamStateInput[];
  /** TRACE ERROR messages, in order. */
  readonly errors: string[];
  readonly stderr: string;
}

const catalogs = new Map<string, Promise<ConfiguredAirbyteCatalog>>();

/**
 * Discovers the catalog from the process itself and configures it as a user picking
 * incremental. The catalog does not depend on the config, so each source discovers once per
 * test file (a process start costs seconds on a busy machine).
 */
export function configuredCatalog(
  source: SourceUnderTest,
  config: Record<string, unknown>,
  streams: readonly string[] = ['markets', CANDLE_STREAM]
): Promise<ConfiguredAirbyteCatalog> {
  const key = `${source.bin}\n${streams.join(',')}`;
  let catalog = catalogs.get(key);
  if (catalog === undefined) {
    catalog = discoverCatalog(source, config, streams);
    catalogs.set(key, catalog);
  }
  return catalog;
}

async function discoverCatalog(
  source: SourceUnderTest,
  config: Record<string, unknown>,
  streams: readonly string[]
): Promise<ConfiguredAirbyteCatalog> {
  const run = await invokeConnector(spawnInvoker(source.bin), 'discover', {config});
  const catalog = catalogFrom(run.messages);
  if (catalog === undefined) {
    throw new Error(
      `discover emitted no CATALOG (exit ${run.result.exitCode}):\n${run.result.stderr}`
    );
  }
  return buildConfiguredCatalog(catalog, {syncMode: 'incremental', streams});
}

export async function readConnector(
  source: SourceUnderTest,
  inputs: {
    config: Record<string, unknown>;
    catalog: ConfiguredAirbyteCatalog;
    state?: StreamStateInput[];
    timeoutMs?: number;
  }
): Promise<ReadRun> {
  const invoke = spawnInvoker(source.bin, {}, {timeoutMs: inputs.timeoutMs ?? 60_000});
  const run = await invokeConnector(invoke, 'read', {
    config: inputs.config,
    catalog: inputs.catalog,
    ...(inputs.state === undefined ? {} : {state: inputs.state}),
  });
  const exitCode = run.result.exitCode;
  assertConforms(
    `${source.exchange} read`,
    checkRead(run.messages, {
      catalog: inputs.catalog,
      exitCode,
      ...(inputs.state === undefined ? {} : {inputState: inputs.state}),
    }),
    run
  );
  return summarize(run, exitCode);
}

export function summarize(run: ConnectorRun, exitCode: number): ReadRun {
  return {
    run,
    exitCode,
    records: candleRecords(run.messages),
    nextState: lastStatePerStream(run.messages),
    errors: errorMessages(run.messages),
    stderr: run.result.stderr,
  };
}

export function errorMessages(messages: readonly AirbyteMessage[]): string[] {
  return messages.flatMap((m) =>
    m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error.message] : []
  );
}

/** The candle stream's cursor per market in a `--state` array. */
export function candleCursors(state: readonly StreamStateInput[]): Record<string, string> {
  const entry = state.find((s) => s.stream.stream_descriptor.name === CANDLE_STREAM);
  const blob = entry?.stream.stream_state as
    {markets?: Record<string, {candle_start_utc: string}>} | null | undefined;
  return Object.fromEntries(
    Object.entries(blob?.markets ?? {}).map(([m, c]) => [m, c.candle_start_utc])
  );
}

/** Explains a failed expectation about a run: exit code, errors and the stderr tail. */
export function explain(run: ReadRun): string {
  const tail = run.stderr.trimEnd().split('\n').slice(-12).join('\n  ');
  return `exit ${run.exitCode}; errors: ${JSON.stringify(run.errors)}\n  stderr tail:\n  ${tail}`;
}
