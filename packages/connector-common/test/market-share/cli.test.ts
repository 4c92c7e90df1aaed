import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {main} from '../../src/market-share/cli';
import {candle, recordLine} from './fixtures';

const H0 = '2025-01-01T00:00:00Z';
const H1 = '2025-01-01T01:00:00Z';

/**
 * upbit:   KRW-BTC 00Z 600 (volume 2 -> 300 KRW/BTC), BTC-ETH 00Z 1 BTC -> 300 KRW,
 *          KRW-BTC 01Z read as 100 then re-read as 300 (last wins)  => 600 + 300 + 300 = 1200
 * bithumb: KRW-BTC 00Z 500, 01Z 300                                => 800
 * total 2000: upbit 0.6, bithumb 0.4
 */
const upbitLines = [
  JSON.stringify({type: 'LOG', log: {level: 'INFO', message: 'Syncing candles_hourly'}}),
  recordLine(candle({market: 'KRW-BTC', hour: H0, value: '600', volume: '2'})),
  recordLine(candle({market: 'BTC-ETH', hour: H0, value: '1'})),
  recordLine(candle({market: 'KRW-BTC', hour: H1, value: '100'})),
  JSON.stringify({
    type: 'STATE',
    state: {type: 'STREAM', stream: {stream_descriptor: {name: 'candles_hourly'}}},
  }),
  recordLine(candle({market: 'KRW-BTC', hour: H1, value: '300'})),
];
const bithumbLines = [
  recordLine(candle({exchange: 'bithumb', market: 'KRW-BTC', hour: H0, value: '500'})),
  recordLine(candle({exchange: 'bithumb', market: 'KRW-BTC', hour: H1, value: '300'})),
];

function fakeIo(stdinText = '') {
  const err = {text: '', isTTY: false, write: (s: string) => (err.text += s)};
  return {io: {stdin: Readable.from([stdinText]), stderr: err}, err};
}

describe('market-share command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'market-share-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('reads JSONL files and writes the share tables and a chart', async () => {
    writeFileSync(join(dir, 'upbit.jsonl'), upbitLines.join('\n') + '\n');
    writeFileSync(join(dir, 'bithumb.jsonl'), bithumbLines.join('\n') + '\n');
    const out = join(dir, 'out');
    const {io, err} = fakeIo();
    const code = await main([join(dir, 'upbit.jsonl'), join(dir, 'bithumb.jsonl'), '-o', out], io);
    expect(err.text).not.toContain('\r'); // not a TTY: no redraws
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'daily_share.csv'), 'utf8')).toBe(
      'kst_date,exchange,value_krw,share,share_percent,period_total_krw,has_converted,has_estimated,candles_excluded,exchanges_missing,complete\n' +
        // an edge day (2 of 24 hours in the input) is never complete
        '2025-01-01,bithumb,800,0.400000,40.0000,2000,false,false,0,,false\n' +
        '2025-01-01,upbit,1200,0.600000,60.0000,2000,true,false,0,,false\n'
    );
    const hourly = readFileSync(join(out, 'hourly_by_exchange.csv'), 'utf8').trim().split('\n');
    expect(hourly[0]).toBe(
      'hour_start_utc,hour_start_kst,kst_date,exchange,value_krw,exact_value_krw,converted_value_krw,estimated_value_krw,has_converted,has_estimated,markets_present,candles_exact,candles_converted,candles_estimated,candles_excluded,excluded_by_quote,candles_carried_rate'
    );
    expect(hourly).toContain(
      '2025-01-01T00:00:00Z,2025-01-01T09:00:00+09:00,2025-01-01,upbit,900,600,300,0,true,false,2,1,1,0,0,,0'
    );
    expect(hourly).toContain(
      '2025-01-01T01:00:00Z,2025-01-01T10:00:00+09:00,2025-01-01,upbit,300,300,0,0,false,false,1,1,0,0,0,,0'
    );
    expect(readFileSync(join(out, 'coverage.csv'), 'utf8')).toContain(
      '2025-01-01,upbit,edge,2,2,0,,true,false,2,'
    );
    expect(readFileSync(join(out, 'daily_by_asset.csv'), 'utf8')).toContain(
      '2025-01-01,ETH,upbit,300,0,300,0,true,false,'
    );
    for (const f of ['daily_by_exchange.csv', 'hourly_share.csv'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(existsSync(join(out, 'reconciliation.csv'))).toBe(false);
    const svg = readFileSync(join(out, 'daily_share.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href=/);
    expect(svg).toContain('>upbit 60.00%</text>');
    expect(svg).toContain('>bithumb 40.00%</text>');
    expect(svg).toContain('>2025-01-01</text>');
    expect(err.text).toMatch(
      /^market-share: .*8 lines.*; 6 candle records, 1 duplicates replaced, 2 exchanges, 1 KST days \(1 incomplete\)/m
    );
  });

  it('reads stdin for `-` and reconciles against --daily-figures', async () => {
    writeFileSync(
      join(dir, 'upbit-days.json'),
      '[{"market":"KRW-BTC","candle_date_time_utc":"2025-01-01T00:00:00","candle_acc_trade_price":900.0}]'
    );
    const out = join(dir, 'out');
    const {io, err} = fakeIo(upbitLines.join('\n'));
    const code = await main(
      ['-', '-o', out, '--daily-figures', `upbit=${join(dir, 'upbit-days.json')}`],
      io
    );
    expect(code).toBe(0);
    const rec = readFileSync(join(out, 'reconciliation.csv'), 'utf8').split('\n');
    // 600 + 300 over 2 hours, but the input covers only 00Z-01Z of the UTC day: not judged
    expect(rec[1]).toMatch(
      /^upbit,KRW-BTC,2025-01-01T00:00:00Z,2025-01-01T09:00:00\+09:00,utc_day,900,900,2,0,0,partial_input,/
    );
    expect(err.text).toContain('reconciliation: 0 mismatches of 1');
  });

  it('fails with file, line and field on an invalid line unless --skip-invalid', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      [
        ...bithumbLines,
        '{"type":"RECORD","record":{"stream":"candles_hourly","data":{"exchange":"upbit"}}}',
      ].join('\n')
    );
    const out = join(dir, 'out');
    const first = fakeIo();
    expect(await main([file, '-o', out], first.io)).toBe(2);
    expect(first.err.text).toContain(`invalid input at ${file}:3: field record.data.market:`);
    expect(existsSync(out)).toBe(false);
    const second = fakeIo();
    expect(await main([file, '-o', out, '--skip-invalid'], second.io)).toBe(0);
    expect(second.err.text).toContain(`skipped ${file}:3: field record.data.market:`);
    expect(second.err.text).toContain('1 invalid lines skipped');
  });

  it('explains bad options', async () => {
    const {io, err} = fakeIo();
    expect(await main(['x.jsonl', '-o', dir, '--daily-figures', 'upbit'], io)).not.toBe(0);
    expect(err.text).toContain('expected <exchange>=<path>');
  });
});
