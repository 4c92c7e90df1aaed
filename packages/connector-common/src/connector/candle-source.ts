import type {
  AirbyteCatalogMessage,
  AirbyteConfig,
  AirbyteConfiguredCatalog,
  AirbyteConnectionStatusMessage,
  AirbyteMessage,
  AirbyteSpec,
  AirbyteState,
  SyncMode as CdkSyncMode,
} from 'faros-airbyte-cdk';
// The CDK's own base class, from its module rather than the package's entry point: that one
// loads the whole CDK (most of a second), this one nothing else.
import {AirbyteSource} from 'faros-airbyte-cdk/lib/sources/source';

import {ConfigError, ConnectorError} from '../errors/connector-error';
import {redactSecrets} from '../errors/redact';
import {CANDLE_STREAM} from '../model/candle';
import {MARKET_STREAM} from '../model/market';
import type {Logger} from '../protocol/logger';
import {
  catalogMessage,
  connectionStatusMessage,
  errorTraceMessage,
  specMessage,
} from '../protocol/messages';
import {SyncMode} from '../protocol/protocol-values';
import {StreamEmitter} from '../protocol/stream-emitter';
import {asMessages, type Emitted} from '../protocol/record-page';
import {readCandlesStream} from '../streams/candles-stream';
import {readMarketsStream} from '../streams/markets-stream';
import {selectMarkets} from '../streams/select-markets';
import {CandleCursors} from '../incremental/candle-cursors';
import {floorToHour, toUtcIso} from '../time/hours';
import {candleSourceCatalog, STREAM_NAMES} from './catalog';
import {CandleSourceConfig, parseCandleSourceConfig} from '../config/config';
import {ExchangeApi} from '../retriever/exchange-api';
import type {ExchangeDefinition} from '../definition/exchange-definition';
import {candleSourceSpec} from '../config/spec';

/** Thrown by read() after all streams ran, when any of them failed. */
export class SyncFailedError extends ConnectorError {}

/**
 * An Airbyte source of hourly candles for one exchange, built entirely from its
 * ExchangeDefinition. Implements the CDK's AirbyteSource contract; the protocol details
 * the CDK gets wrong for today's platform are handled here and in the runner.
 */
export class CandleSource extends AirbyteSource<AirbyteConfig> {
  constructor(
    readonly exchange: ExchangeDefinition,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** The spec's JSON Schema emitted at build time; emitted here when absent. */
    private readonly connectionSpecification?: Record<string, unknown>
  ) {
    super();
  }

  async spec(): Promise<AirbyteSpec> {
    return specMessage(
      candleSourceSpec(this.exchange, this.connectionSpecification)
    ) as AirbyteSpec;
  }

  validateConfig(raw: AirbyteConfig): CandleSourceConfig {
    return parseCandleSourceConfig(raw, this.exchange, this.now());
  }

  /** Validates the config, reaches the exchange and confirms the configured markets exist. */
  async check(raw: AirbyteConfig): Promise<AirbyteConnectionStatusMessage> {
    try {
      const config = this.validateConfig(raw);
      const api = new ExchangeApi(this.exchange, config, this.logger);
      const {markets, unlisted} = selectMarkets(config, await api.markets());
      if (unlisted.length > 0) {
        return connectionStatusMessage(
          false,
          `config field "markets": ${this.exchange.displayName} does not list ${unlisted.join(', ')}. ` +
            `Use ${this.exchange.marketCode.form} codes of listed markets (e.g. ` +
            `${this.exchange.marketCode.example}), or leave it empty to read all markets of the ` +
            'quote currencies.'
        ) as AirbyteConnectionStatusMessage;
      }
      return connectionStatusMessage(
        true,
        `${this.exchange.displayName} reachable at ${redactSecrets(config.apiBaseUrl)}; ` +
          `${markets.length} market(s) selected.`
      ) as AirbyteConnectionStatusMessage;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return connectionStatusMessage(false, message) as AirbyteConnectionStatusMessage;
    }
  }

  async discover(raw: AirbyteConfig): Promise<AirbyteCatalogMessage> {
    this.validateConfig(raw);
    return catalogMessage(candleSourceCatalog()) as AirbyteCatalogMessage;
  }

  /** The CDK's read(): readEmitted() with each page of records as its RECORD messages. */
  read(
    raw: AirbyteConfig,
    _redacted: AirbyteConfig,
    catalog: AirbyteConfiguredCatalog,
    state: AirbyteState
  ): AsyncGenerator<AirbyteMessage> {
    return asMessages(this.readEmitted(raw, catalog, state));
  }

  /**
   * Reads the configured streams in catalog order, the records of each page together (the
   * runner writes them as one block). A failing stream ends INCOMPLETE with an ERROR trace and
   * the others still run; the read then throws so the process exits non-zero.
   */
  async *readEmitted(
    raw: AirbyteConfig,
    catalog: AirbyteConfiguredCatalog,
    state: AirbyteState
  ): AsyncGenerator<Emitted> {
    const config = this.validateConfig(raw);
    const configured = validateCatalog(catalog);
    // The whole state is validated before any stream starts.
    this.checkState(configured, state ?? {});
    const api = new ExchangeApi(this.exchange, config, this.logger);
    const failed: string[] = [];
    for (const {name, syncMode} of configured) {
      const emitter = new StreamEmitter(name);
      yield* emitter.start();
      try {
        if (name === MARKET_STREAM) {
          yield* readMarketsStream(api, emitter);
        } else {
          const input = syncMode === SyncMode.INCREMENTAL ? state[name] : undefined;
          yield* readCandlesStream(
            {api, config, logger: this.logger, nowMs: this.now()},
            input,
            emitter
          );
        }
        yield emitter.complete();
        this.logger.info(
          `Stream ${name}: ${emitter.recordsEmitted} record(s).` +
            (name === CANDLE_STREAM ? await this.unlistedSummary(api, config) : '')
        );
      } catch (err) {
        failed.push(name);
        yield emitter.incomplete();
        yield errorTraceMessage(err, name);
      }
    }
    this.logger.info(`HTTP: ${JSON.stringify(api.http.stats)}`);
    if (failed.length > 0) {
      throw new SyncFailedError(
        `Stream(s) ${failed.join(', ')} did not sync; see the errors above.`,
        'system_error'
      );
    }
  }

  /**
   * Validates every saved state the read will use, before any stream starts, and says in a
   * log line what is ignored. A cursor after the current hour is kept (so nothing is read for
   * that market until then) but warned about, with how to reset it.
   */
  private checkState(configured: ReadonlyArray<ConfiguredStream>, state: AirbyteState): void {
    const modes = new Map(configured.map((c) => [c.name, c.syncMode]));
    for (const name of Object.keys(state)) {
      if (!modes.has(name)) {
        this.logger.info(
          `The saved state of stream "${name}" is ignored: the stream is not in the configured catalog.`
        );
      } else if (name === CANDLE_STREAM && modes.get(name) !== SyncMode.INCREMENTAL) {
        this.logger.info(
          `The saved state of stream "${name}" is ignored: the stream is configured as full refresh.`
        );
      }
    }
    if (modes.get(CANDLE_STREAM) !== SyncMode.INCREMENTAL) return;
    const cursors = CandleCursors.fromStreamState(state[CANDLE_STREAM], CANDLE_STREAM);
    const currentHour = floorToHour(this.now());
    const future = cursors.after(currentHour);
    if (future.length === 0) return;
    const shown = future.slice(0, 10).map((f) => `${f.market} at ${toUtcIso(f.hourMs)}`);
    this.logger.warn(
      `The saved cursor of ${future.length} market(s) in stream "${CANDLE_STREAM}" is in the ` +
        `future (${shown.join(', ')}${future.length > 10 ? ', ...' : ''}; the current hour is ` +
        `${toUtcIso(currentHour)}). Nothing is read for them until then, and the cursor is kept. ` +
        `If the state was edited by hand or written under a wrong clock, reset the stream ` +
        `"${CANDLE_STREAM}" in Airbyte (Connection → Status → the stream's menu → Clear data) to ` +
        'read again from start_date.'
    );
  }

  /** For the candle stream's summary: the configured markets the exchange does not list. */
  private async unlistedSummary(api: ExchangeApi, config: CandleSourceConfig): Promise<string> {
    const {unlisted} = selectMarkets(config, await api.markets());
    return unlisted.length === 0
      ? ''
      : ` ${unlisted.length} configured market(s) not listed by ${this.exchange.displayName} ` +
          `and not read: ${unlisted.join(', ')}.`;
  }
}

interface ConfiguredStream {
  readonly name: string;
  readonly syncMode: CdkSyncMode;
}

/** Every configured stream must be one we offer, in a mode it supports. */
function validateCatalog(catalog: AirbyteConfiguredCatalog): ConfiguredStream[] {
  if (!catalog || !Array.isArray(catalog.streams)) {
    throw new ConfigError('The catalog must be a JSON object with a "streams" array.');
  }
  const offered = new Map(candleSourceCatalog().streams.map((s) => [s.name, s]));
  const seen = new Map<string, number>();
  return catalog.streams.map((configured, i) => {
    const name = configured?.stream?.name;
    const stream = offered.get(name);
    if (!stream) {
      throw new ConfigError(
        `catalog streams[${i}]: unknown stream "${String(name)}"; this source offers ${STREAM_NAMES.join(', ')}.`
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        `catalog streams[${i}]: stream "${name}" is already configured in streams[${first}]; ` +
          'list each stream once (reading it twice would emit every record twice).'
      );
    }
    seen.set(name, i);
    const syncMode = configured.sync_mode ?? SyncMode.FULL_REFRESH;
    if (!stream.supported_sync_modes?.includes(syncMode)) {
      throw new ConfigError(
        `catalog streams[${i}] (${name}): sync_mode "${String(syncMode)}" is not supported; use ` +
          `${stream.supported_sync_modes?.join(' or ')}.`
      );
    }
    return {name, syncMode};
  });
}
