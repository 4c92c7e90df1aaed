import {Readable} from 'node:stream';
import {InputSource} from '../../src/market-share/jsonl-reader';
import {computeMarketShare, InvalidInputError} from '../../src/market-share/pipeline';
import {candle, recordLine} from './fixtures';

function source(name: string, lines: string[]): InputSource {
  return {name, size: undefined, open: () => Readable.from([lines.join('\n') + '\n'])};
}

const good = recordLine(candle({market: 'KRW-BTC', hour: '2025-01-01T00:00:00Z', value: '100'}));

describe('reading `read` output', () => {
  it('takes candles_hourly RECORDs only, skipping other messages and streams', async () => {
    const run = await computeMarketShare([
      source('a.jsonl', [
        JSON.stringify({type: 'LOG', log: {level: 'INFO', message: 'RECORD-looking text'}}),
        good,
        recordLine(
          candle({market: 'KRW-ETH', hour: '2025-01-01T00:00:00Z', value: '999'}),
          'markets'
        ),
        JSON.stringify({type: 'STATE', state: {type: 'STREAM'}}),
        '',
      ]),
      source('b.jsonl', [
        recordLine(
          candle({
            exchange: 'bithumb',
            market: 'KRW-BTC',
            hour: '2025-01-01T00:00:00Z',
            value: '300',
          })
        ),
      ]),
    ]);
    expect(run.stats).toMatchObject({lines: 6, candleRecords: 2, invalidLines: 0});
    expect(run.report.dailyShares.map((s) => [s.exchange, s.share])).toEqual([
      ['bithumb', '0.750000'],
      ['upbit', '0.250000'],
    ]);
  });

  it('fails on an invalid line naming file, line and field', async () => {
    const bad = JSON.parse(good);
    bad.record.data.traded_value_quote = 12.5; // a JSON number, not the exact decimal string
    await expect(
      computeMarketShare([source('in.jsonl', [good, JSON.stringify(bad)])])
    ).rejects.toThrow(
      new InvalidInputError(
        'in.jsonl',
        2,
        'record.data.traded_value_quote',
        'Invalid input: expected string, received number'
      )
    );
    await expect(
      computeMarketShare([source('in.jsonl', ['{"type":"RECORD"', good])])
    ).rejects.toThrow(/^in\.jsonl:1: field \(line\): not JSON/);
  });

  it('rejects a kst_date that contradicts candle_start_utc', async () => {
    const bad = JSON.parse(good);
    bad.record.data.kst_date = '2024-12-31';
    await expect(computeMarketShare([source('in.jsonl', [JSON.stringify(bad)])])).rejects.toThrow(
      'in.jsonl:1: field record.data.kst_date: is 2024-12-31 but candle_start_utc 2025-01-01T00:00:00Z is on KST day 2025-01-01'
    );
  });

  it('with skipInvalid reports each bad line and counts the rest', async () => {
    const seen: string[] = [];
    const run = await computeMarketShare(
      [source('in.jsonl', ['not json', good, '{"no":"type"}'])],
      {
        skipInvalid: true,
        onInvalid: (e) => seen.push(`${e.line}:${e.field}`),
      }
    );
    expect(seen).toEqual(['1:(line)', '3:type']);
    expect(run.stats).toMatchObject({candleRecords: 1, invalidLines: 2});
  });
});
