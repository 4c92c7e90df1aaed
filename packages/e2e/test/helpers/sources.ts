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
}

const PACKAGES = join(__dirname, '../../..');

export const UPBIT: SourceUnderTest = {
  exchange: 'upbit',
  bin: join(PACKAGES, 'source-upbit-candles/bin/main'),
  maxRps: 10,
  baseUrl: (sim) => sim.upbitUrl,
};

export const BITHUMB: SourceUnderTest = {
  exchange: 'bithumb',
  bin: join(PACKAGES, 'source-bithumb-candles/bin/main'),
  maxRps: 150,
  baseUrl: (sim) => sim.bithumbUrl,
};

/** For `describe.each`: `$exchange` names the block. */
export const SOURCES: ReadonlyArray<SourceUnderTest> = [UPBIT, BITHUMB];
