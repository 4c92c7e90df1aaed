import {parseJsonExact} from '../../src/json/json-number';
import {
  decodeUpbitCompatibleCandles,
  parseUpbitCompatibleCandles,
} from '../../src/families/upbit-compatible';
import {candlePage, candleRow, hours} from '../../src/families/upbit-compatible/fixtures';

const MARKET = {market: 'KRW-BTC', base: 'BTC', quote: 'KRW'};
const CONTEXT = {exchange: 'Upbit', endpoint: '/v1/candles/minutes/60', market: 'KRW-BTC'};

/** The full path's answer for a text: the candles, or undefined when it rejects the page. */
function viaFullPath(text: string) {
  try {
    return parseUpbitCompatibleCandles(parseJsonExact(text), CONTEXT, MARKET);
  } catch {
    return undefined;
  }
}

/** The decoder never accepts what the full path rejects, and agrees when it accepts. */
function expectAgreement(text: string): ReturnType<typeof decodeUpbitCompatibleCandles> {
  const decoded = decodeUpbitCompatibleCandles(text, MARKET);
  if (decoded !== undefined) expect(decoded).toEqual(viaFullPath(text));
  return decoded;
}

const ROW = candleRow('KRW-BTC', {utc: '2024-01-09T20:00:00'});

/** The row with one field's raw JSON replaced (undefined: removed). */
function rowWith(field: string, raw: string | undefined): string {
  const match = new RegExp(`"${field}":("[^"]*"|[^,}]+)`).exec(ROW)!;
  const replaced = raw === undefined ? '' : `"${field}":${raw}`;
  return ROW.replace(match[0], replaced).replace(',,', ',').replace('{,', '{').replace(',}', '}');
}

/** Each field replaced by values the schema accepts or rejects (raw JSON, numbers as written). */
const REPLACEMENTS: Record<string, string[]> = {
  market: ['"KRW-ETH"', '5', 'null', '""', '"KRW-BTC\\u0000"', '"KRW\\u002dBTC"'],
  candle_date_time_utc: [
    '"2024-01-09T20:30:00"',
    '"2024-02-30T00:00:00"',
    '"2024-01-09T20:00:00Z"',
    '"2024-01-09T21:00:00"',
    '"2024-01-09 20:00:00"',
    '1704830400000',
  ],
  candle_date_time_kst: ['"2024-01-10T05:00:00"', '"2024-01-10T06:00:00"', '"2024-01-09T20:00:00"'],
  opening_price: ['"58000000"', '-1.50', '1e-8', '0', '0.000', 'null', '58000000.10', '01', '1.'],
  high_price: ['1E+3', '0.50', '-0'],
  low_price: ['-0.0', '.5'],
  trade_price: ['true', '[1]', '{"v":1}'],
  timestamp: ['1.5', '-1', '9007199254740993', '"1704830400000"', '1e3', '-0'],
  candle_acc_trade_price: ['-5', '0', '37189906239683.17623', '-0.000', '1.0e2'],
  candle_acc_trade_volume: ['-0.1', '2.5e-7', '640'],
  unit: ['60.0', '61', '"60"', '60', '6e1'],
};

describe('decodeUpbitCompatibleCandles reads a page as the full path does', () => {
  it('decodes a page of hours, newest first, with the exact decimals, as the full path', () => {
    const page = candlePage('KRW-BTC', [
      ...hours('2024-01-09T20:00:00', 3),
      {utc: '2024-01-09T23:00:00', open: '1.50000000', value: '0.00000000'},
    ]);
    const decoded = expectAgreement(page);
    expect(decoded).toHaveLength(4);
    expect(decoded![0]).toEqual({
      startMs: Date.parse('2024-01-09T23:00:00Z'),
      open: '1.5',
      high: '58250000',
      low: '57900000',
      close: '58100000',
      volumeBase: '640.12345678',
      tradedValueQuote: '0',
      lastTradeMs: Date.parse('2024-01-09T23:00:00Z') + 3599_123,
    });
    expect(decoded![3]!.tradedValueQuote).toBe('37189906239683.17623');
  });

  it('reads an empty page, any whitespace and key order, and skips fields it does not use', () => {
    expect(expectAgreement(' [ ] ')).toEqual([]);
    const spaced = JSON.stringify(JSON.parse(ROW), null, 2).replace(/"unit": 60/, '"unit": 60');
    expect(expectAgreement(`[\n${spaced}\n]`)).toHaveLength(1);
    const reordered = `{"unit":60,${ROW.slice(1, -1).replace(',"unit":60', '')}}`;
    expect(expectAgreement(`[${reordered}]`)).toHaveLength(1);
    const extra = ROW.replace(
      '"unit":60',
      '"unit":60,"prev_closing_price":null,"change":"RISE","note":"a \\"quoted\\" \\u00e9 word",' +
        '"nested":{"a":[1,2.5e3,{"b":false}],"c":true},"empty":{},"list":[]'
    );
    expect(expectAgreement(`[${extra}]`)).toHaveLength(1);
  });

  const cases = Object.entries(REPLACEMENTS).flatMap(([field, values]) => [
    ...values.map((v) => [field, v] as const),
    [field, undefined] as const,
  ]);
  test.each(cases)('with %s = %s: declined, or the full path answers the same', (field, raw) => {
    const text = `[${rowWith(field, raw)}]`;
    const decoded = expectAgreement(text);
    if (viaFullPath(text) !== undefined && !/[eE\\]/.test(raw ?? '')) expect(decoded).toBeDefined();
  });

  it('declines error bodies, other shapes, invalid JSON and repeated keys', () => {
    const declined = [
      '{"error":{"name":"400","message":"Invalid parameter"}}',
      '{"error":{"name":400,"message":"Too many requests"}}',
      '',
      'null',
      '[null]',
      '[[]]',
      '["row"]',
      '[{}]',
      `[${ROW},]`,
      `[${ROW}`,
      `[${ROW}] x`,
      `[${ROW}${ROW}]`,
      `[${ROW.replace('"unit":60', '"unit":60,')}]`,
      `[${ROW.replace('"unit":60', '"unit":60,"x":"bad \\x escape"')}]`,
      `[${ROW.replace('"unit":60', '"unit":60,"x":"raw \n newline"')}]`,
      `[${ROW.replace('"unit":60', '"unit":60,"x":tru')}]`,
      `[${ROW.replace('"unit":60', '"unit":60,"unit":60')}]`,
      `[${ROW.replace('"unit":60', '"unit":60,"x":01')}]`,
    ];
    for (const text of declined) {
      expect(expectAgreement(text)).toBeUndefined();
    }
  });

  it('never accepts a mutated page the full path rejects (2,000 random edits)', () => {
    const page = candlePage('KRW-BTC', hours('2024-01-09T20:00:00', 2));
    const alphabet = '[]{}:,"\\-.0123456789eE tnu';
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const at = random(page.length);
      const edit = random(3);
      const char = alphabet[random(alphabet.length)]!;
      const text =
        edit === 0
          ? page.slice(0, at) + page.slice(at + 1)
          : edit === 1
            ? page.slice(0, at) + char + page.slice(at)
            : page.slice(0, at) + char + page.slice(at + 1);
      if (expectAgreement(text) !== undefined) accepted++;
    }
    // Some edits keep the page valid (a digit changed); most do not.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(2000);
  });
});
