/** The four connector processes under test, as the platform runs them: `node bin/main <command>`. */
import type {ExchangeDefinition} from '@korea-candles/connector-common';
import {
  korbitSymbol,
  type ExchangeId,
  type RunningSimulator,
} from '@korea-candles/exchange-simulator';
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
  readonly limitCountsDeclared: boolean;
  /** The definition reads a quota header (Coinone's counts a minute and is deliberately not read). */
  readonly quotaHeaderRead: boolean;
  /** The exchange lists KRW markets only (Coinone, Korbit): scenario lists swap in thin KRW ones. */
  readonly krwOnly?: boolean;
}

const PACKAGES = join(__dirname, '../../..');

/** What the built connector's exchange definition declares (the facts the probe checks). */
function declared(pkg: string, name: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(join(PACKAGES, pkg, 'lib')) as Record<string, ExchangeDefinition>;
  const definition = lib[name];
  if (definition === undefined) throw new Error(`${pkg}/lib exports no ${name}`);
  return {
    limitCountsDeclared: definition.candlesRequest.limitCounts !== undefined,
    quotaHeaderRead: definition.quotaHeader !== undefined,
  };
}

export const UPBIT: SourceUnderTest = {
  exchange: 'upbit',
  bin: join(PACKAGES, 'source-upbit-candles/bin/main'),
  maxRps: 10,
  ...declared('source-upbit-candles', 'upbit'),
  baseUrl: (sim) => sim.upbitUrl,
  marketCode: (code) => code,
};

export const BITHUMB: SourceUnderTest = {
  exchange: 'bithumb',
  bin: join(PACKAGES, 'source-bithumb-candles/bin/main'),
  maxRps: 150,
  ...declared('source-bithumb-candles', 'bithumb'),
  baseUrl: (sim) => sim.bithumbUrl,
  marketCode: (code) => code,
};

export const COINONE: SourceUnderTest = {
  exchange: 'coinone',
  bin: join(PACKAGES, 'source-coinone-candles/bin/main'),
  // The newer docs' 1200/min; the connector's default is the older docs' 5/s.
  maxRps: 20,
  ...declared('source-coinone-candles', 'coinone'),
  baseUrl: (sim) => sim.coinoneUrl,
  marketCode: (code) => code,
  krwOnly: true,
};

export const KORBIT: SourceUnderTest = {
  exchange: 'korbit',
  bin: join(PACKAGES, 'source-korbit-candles/bin/main'),
  maxRps: 50,
  ...declared('source-korbit-candles', 'korbit'),
  baseUrl: (sim) => sim.korbitUrl,
  marketCode: (code) => {
    const [quote, base] = code.split('-') as [string, string];
    return korbitSymbol({quote, base} as Parameters<typeof korbitSymbol>[0]);
  },
  krwOnly: true,
};

/** For `describe.each`: `$exchange` names the block. */
export const SOURCES: ReadonlyArray<SourceUnderTest> = [UPBIT, BITHUMB, COINONE, KORBIT];

/**
 * A KRW stand-in for each non-KRW market the scenarios use, on exchanges that list KRW only:
 * like the BTC-quoted originals, thin markets with hours without trades (about one in four).
 */
const KRW_STAND_IN: Readonly<Record<string, string>> = {
  'BTC-XRP': 'KRW-TRX',
  'BTC-ETH': 'KRW-ADA',
  'BTC-SOL': 'KRW-DOGE',
};

/** A scenario's market list (simulator codes) as this exchange can serve it (simulator codes). */
export function marketsOf(source: SourceUnderTest, universe: readonly string[]): string[] {
  if (!source.krwOnly) return [...universe];
  const mapped = universe.map((m) => {
    if (m.startsWith('KRW-')) return m;
    const standIn = KRW_STAND_IN[m];
    if (standIn === undefined) throw new Error(`no KRW stand-in for ${m} on ${source.exchange}`);
    return standIn;
  });
  if (new Set(mapped).size !== mapped.length) {
    throw new Error(`${universe.join(',')} maps to duplicate ${source.exchange} markets`);
  }
  return mapped;
}

/** The `markets` config value of a scenario list: this exchange's markets in its own codes. */
export function configMarkets(source: SourceUnderTest, universe: readonly string[]): string[] {
  return marketsOf(source, universe).map((m) => source.marketCode(m));
}
