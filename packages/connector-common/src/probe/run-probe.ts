import {ConfigError} from '../errors/connector-error';
import type {Logger} from '../protocol/logger';
import type {CandleSourceConfig} from '../config/config';
import type {ExchangeDefinition, MarketRef} from '../definition/exchange-definition';
import {floorToHour, HOUR_MS} from '../time/hours';
import {
  checkBareZone,
  checkEmptyHours,
  checkEndBound,
  checkLimitCounts,
  checkOrder,
  checkRateHeaders,
  checkStartBound,
  checkUnknownMarket,
  endBefore,
  type ProbeContext,
  shortMessage,
} from './checks';
import type {ProbeFinding} from './finding';
import {ProbeSession} from './probe-session';

/**
 * Checks, against the live API, each assumption the connector's declaration makes about the
 * exchange (order, bounds, what the page size counts, the zone of a bare time, empty hours,
 * quota headers, the unknown-market answer), with about ten requests at two a second.
 */
export async function runProbe(
  exchange: ExchangeDefinition,
  config: CandleSourceConfig,
  logger: Logger,
  nowMs: number
): Promise<ProbeFinding[]> {
  const session = new ProbeSession(exchange, config, logger);
  const market = await probeMarket(session, config);
  const latest = await session.candles({
    market,
    end: endBefore(exchange.candlesRequest, floorToHour(nowMs) + HOUR_MS),
    limit: exchange.maxPageSize,
  });
  const ctx: ProbeContext = {session, market, nowMs, latest};
  const findings = [checkOrder(ctx), checkEmptyHours(ctx)];
  const checks: [string, (c: ProbeContext) => Promise<ProbeFinding>][] = [
    ['end-bound', checkEndBound],
    ['start-bound', checkStartBound],
    ['limit-counts', checkLimitCounts],
    ['bare-time-zone', checkBareZone],
    ['unknown-market', checkUnknownMarket],
  ];
  for (const [id, check] of checks) findings.push(await guarded(id, () => check(ctx)));
  findings.push(checkRateHeaders(session, session.api.http.stats.requests));
  return findings;
}

/** The first configured market, or BTC (else the first market) of the first quote currency. */
async function probeMarket(session: ProbeSession, config: CandleSourceConfig): Promise<MarketRef> {
  const listed = await session.api.markets();
  const pick = config.markets.length
    ? listed.find((m) => m.market === config.markets[0])
    : (listed.find(
        (m) => m.quote_currency === config.quoteCurrencies[0] && m.base_currency === 'BTC'
      ) ?? listed.find((m) => m.quote_currency === config.quoteCurrencies[0]));
  if (!pick) {
    throw new ConfigError(
      config.markets.length
        ? `${session.exchange.displayName} does not list market ${config.markets[0]}; probe a listed one`
        : `${session.exchange.displayName} lists no ${config.quoteCurrencies[0]} market to probe`
    );
  }
  return {market: pick.market, base: pick.base_currency, quote: pick.quote_currency};
}

/** A check that fails to run (network, a block) says so instead of ending the probe. */
async function guarded(check: string, run: () => Promise<ProbeFinding>): Promise<ProbeFinding> {
  try {
    return await run();
  } catch (err) {
    return {
      check,
      expected: '(the check could not run)',
      status: 'could not tell',
      saw: shortMessage(err),
    };
  }
}
