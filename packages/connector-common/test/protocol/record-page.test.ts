import {recordMessage, streamStateMessage} from '../../src/protocol/messages';
import {MemoryOutput} from '../../src/protocol/output';
import {asMessages, type Emitted, RecordPage} from '../../src/protocol/record-page';

const candle = {
  exchange: 'bithumb',
  market: 'KRW-BTC',
  candle_start_utc: '2024-01-01T00:00:00Z',
  open: '58100000',
  traded_value_is_estimated: false,
  last_trade_at_utc: null,
  // Text the platform must get escaped exactly as JSON.stringify escapes it.
  note: 'line\nbreak "quoted" \u2028 비트코인 \\',
};

describe('RecordPage', () => {
  it('writes each record exactly as JSON.stringify writes its RECORD message', () => {
    const records = [candle, {...candle, market: 'KRW-ETH'}, {}];
    const page = new RecordPage('candles_hourly', records, 1_733_000_000_123);
    const expected = records
      .map(
        (data) => JSON.stringify(recordMessage('candles_hourly', data, 1_733_000_000_123)) + '\n'
      )
      .join('');
    expect(page.lines()).toBe(expected);
    expect(
      page
        .messages()
        .map((m) => JSON.stringify(m) + '\n')
        .join('')
    ).toBe(expected);
  });

  it('escapes a stream name like any JSON string', () => {
    const page = new RecordPage('we"ird\\name', [{n: 1}], 5);
    expect(JSON.parse(page.lines())).toEqual({
      record: {stream: 'we"ird\\name', emitted_at: 5, data: {n: 1}},
      type: 'RECORD',
    });
  });

  it('writes nothing for a page without records', () => {
    expect(new RecordPage('s', [], 1).lines()).toBe('');
  });

  it('is kept as separate RECORD messages by the in-memory output and by asMessages', async () => {
    const page = new RecordPage('s', [{n: 1}, {n: 2}], 7);
    const memory = new MemoryOutput();
    await memory.write(page);
    expect(memory.messages).toEqual([recordMessage('s', {n: 1}, 7), recordMessage('s', {n: 2}, 7)]);

    async function* emitted(): AsyncGenerator<Emitted> {
      yield page;
      yield streamStateMessage('s', {}, 2);
    }
    const types: string[] = [];
    for await (const m of asMessages(emitted())) types.push(m.type);
    expect(types).toEqual(['RECORD', 'RECORD', 'STATE']);
  });
});
