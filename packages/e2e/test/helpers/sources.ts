/** The two connector processes under test, as the platform runs them: `node bin/main <command>`. */
import type {ExchangeId, RunningSimulator} from '@korea-candles/exchange-simulator';
import {join} from 'node:path';

export interface SourceUnderTest {
  readonly exchange: ExchangeId;
  /** The connector's CLI; it runs the BUILT lib (`npx tsc -b tsconfig.build.json` first). */
  readonly bin: string;
  /** The most requests per second the connector's config accepts (the exchange's documented limit). */
  readonly maxRps: number;
  baseUrl(sim: RunningSimulator): string;
  /** The exchange's own code of a simulator market (`KRW-BTC`; Korbit `btc_krw`). */
  marketCode(universeCode: string): string;
  /** The definition declares what the page size counts (so the probe can fail on it). */
  readonly limitCountsDeclared?: boolean;
}

const PACKAGES = join(__dirname, '../../..');

export const UPBIT: SourceUnderTest = {
  exchange: 'upbit',
  bin: join(PACKAGES, 'source-upbit-candles/bin/main'),
  maxRps: 10,
  baseUrl: (sim) => sim.upbitUrl,
  marketCode: (code) => code,
};

export const BITHUMB: SourceUnderTest = {
  exchange: 'bithumb',
  bin: join(PACKAGES, 'source-bithumb-candles/bin/main'),
  maxRps: 150,
  baseUrl: (sim) => sim.bithumbUrl,
  marketCode: (code) => code,
};

/** For `describe.each`: `$exchange` names the block. */
export const SOURCES: ReadonlyArray<SourceUnderTest> = [UPBIT, BITHUMB];
