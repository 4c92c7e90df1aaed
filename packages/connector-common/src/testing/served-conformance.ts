/// <reference types="jest" />
import {describeConformance} from './conformance-kit';
import {spawnInvoker} from './invoker';

export interface ServedConformanceOptions {
  /** Names the jest describe block. */
  readonly name: string;
  /** The connector's bin/main. */
  readonly bin: string;
  /** Starts the server the connector reads (e.g. the exchange simulator); its base URL goes into the config. */
  readonly serve: () => Promise<{baseUrl: string; close: () => Promise<void>}>;
  /** A valid config without `api_base_url`. */
  readonly config: Record<string, unknown>;
}

/**
 * Runs the conformance kit against the real connector process reading a live HTTP server,
 * with the invalid configs every candle source must reject.
 */
export function describeServedConformance(options: ServedConformanceOptions): void {
  const validConfig: Record<string, unknown> = {...options.config};
  let close: (() => Promise<void>) | undefined;
  describeConformance({
    name: options.name,
    invoke: spawnInvoker(options.bin),
    validConfig,
    invalidConfigs: [
      {config: {...options.config, page_size: 500}, expectMessageMatching: /page_size/},
      {config: {...options.config, start_date: 'yesterday'}, expectMessageMatching: /start_date/},
      {config: {...options.config, markets: ['krw-btc']}, expectMessageMatching: /markets/},
      {
        config: {...options.config, market: ['KRW-BTC']},
        expectMessageMatching: /"market" is not a field.*did you mean "markets"/,
      },
      {
        config: {...options.config, start_date: '2099-01-01'},
        expectMessageMatching: /"start_date" is in the future/,
      },
    ],
    incrementalStream: 'candles_hourly',
    beforeAll: async () => {
      const served = await options.serve();
      validConfig.api_base_url = served.baseUrl;
      close = served.close;
    },
    afterAll: async () => close?.(),
  });
}
