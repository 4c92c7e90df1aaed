/**
 * `probe` (issue 10 item 6): the real connector process against the simulator, first as the
 * exchanges are documented, then with each assumption broken in turn, so every check is shown
 * to notice the one fact it is there for.
 */
import type {ProbeFinding} from '@korea-candles/connector-common';
import {spawnInvoker} from '@korea-candles/connector-common/testing';
import type {BreakMode, RunningSimulator} from '@korea-candles/exchange-simulator';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {SIM_NOW, startTestSimulator} from './helpers/simulator';
import {SOURCES, type SourceUnderTest} from './helpers/sources';

const HOUR_MS = 3_600_000;

/** Which check each break mode must turn into a `fail`. */
const CAUGHT_BY: ReadonlyArray<[BreakMode, string, (s: SourceUnderTest) => boolean]> = [
  ['order-reversed', 'order', () => true],
  ['bound-flipped', 'end-bound', () => true],
  [
    'bare-zone-flipped',
    'bare-time-zone',
    (s) => s.exchange === 'upbit' || s.exchange === 'bithumb',
  ],
  ['empty-hours-zero', 'empty-hours', () => true],
  ['no-rate-headers', 'rate-headers', (s) => s.quotaHeaderRead],
  ['unknown-market-empty', 'unknown-market', () => true],
  ['count-slots', 'limit-counts', (s) => s.limitCountsDeclared === true],
];

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  // Rate limits on: the quota headers are part of what the probe checks.
  sim = await startTestSimulator({countMode: 'candles', rateLimits: {enabled: true}});
  dir = mkdtempSync(join(tmpdir(), 'probe-e2e-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, {recursive: true, force: true});
});
afterEach(() => sim.clearBreaks());

/** A listed KRW market with hours without trades in the probe's first page: every check can tell. */
function thinMarket(source: SourceUnderTest): string {
  const now = Date.parse(SIM_NOW);
  const counts = sim
    .listedMarkets(source.exchange)
    .filter((m) => m.startsWith('KRW-'))
    .map((m) => ({
      m,
      n: sim.expectedApiCandles(source.exchange, m, now - 199 * HOUR_MS, now + HOUR_MS).length,
    }))
    .filter(({n}) => n >= 24 && n < 200)
    .sort((a, b) => a.n - b.n);
  if (counts.length === 0) throw new Error(`no thin ${source.exchange} market in the simulator`);
  return source.marketCode(counts[0]!.m);
}

async function probe(source: SourceUnderTest, market: string) {
  const config = join(dir, `${source.exchange}.json`);
  writeFileSync(
    config,
    JSON.stringify({start_date: '2024-01-01', markets: [market], api_base_url: source.baseUrl(sim)})
  );
  const result = await spawnInvoker(
    source.bin,
    {},
    {timeoutMs: 60_000}
  )(['probe', '--config', config, '--json']);
  let findings: ProbeFinding[];
  try {
    findings = JSON.parse(result.stdout) as ProbeFinding[];
  } catch {
    throw new Error(`probe printed no JSON (exit ${result.exitCode}):\n${result.stderr}`);
  }
  const byCheck = Object.fromEntries(findings.map((f) => [f.check, f]));
  return {exitCode: result.exitCode, findings, byCheck};
}

describe.each(SOURCES)('probe $exchange', (source) => {
  it('passes every check it can tell against the documented behaviour, exit 0', async () => {
    const {exitCode, findings, byCheck} = await probe(source, thinMarket(source));
    expect(findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(exitCode).toBe(0);
    for (const check of ['order', 'end-bound', 'empty-hours', 'unknown-market']) {
      expect([check, byCheck[check]?.status]).toEqual([check, 'pass']);
    }
    expect(byCheck['rate-headers']?.status).toBe(
      source.quotaHeaderRead ? 'pass' : 'not applicable'
    );
    expect(byCheck['limit-counts']?.saw).toContain('counts candles');
  });

  const applicable = CAUGHT_BY.filter(([, , applies]) => applies(source));
  it.each(applicable)('catches %s in the %s check, exit 1', async (mode, check) => {
    sim.setBreaks([{mode, exchange: source.exchange}]);
    const {exitCode, byCheck} = await probe(source, thinMarket(source));
    expect([check, byCheck[check]?.status, byCheck[check]?.saw]).toEqual([
      check,
      'fail',
      expect.any(String),
    ]);
    expect(exitCode).toBe(1);
  });
});
