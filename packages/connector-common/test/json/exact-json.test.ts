import {JsonNumber, parseJsonExact} from '../../src/json/json-number';
import {parseWithMarkedNumbers} from '../../src/json/marked-numbers';

/** The reference: JSON.parse with the reviver's source text, what parseJsonExact must equal. */
function reference(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: {source?: string}) =>
    typeof value === 'number' ? new JsonNumber(context!.source!) : value
  );
}

describe('parseJsonExact', () => {
  test.each([
    '[{"market":"KRW-BTC","trade_price":108326000,"candle_acc_trade_price":37189906239683.17623}]',
    '{"a":-0.5,"b":1e-7,"c":2E+30,"d":0,"e":[1,[2,[3]]],"f":null,"g":true,"h":false}',
    '{"t":"2024-01-01T05:00:00","s":"12:34, -5 [6]","q":"say \\"7\\" \\\\","u":"\\u0041 8"}',
    '{"10":1,"2":"x","k":{"nested":[{"n":12345678901234567890}]}}',
    ' \n [ 1 , "2" , 3.25 ] \t',
    '42',
    '"a string"',
    'null',
    '{"nul":"a\\u0000b","n":5}',
    '{"escaped backslash then u0000":"\\\\u0000","n":5}',
    '[]',
  ])('keeps every number exact and every string as sent: %s', (text) => {
    expect(parseJsonExact(text)).toEqual(reference(text));
  });

  it('takes the fast path for ordinary bodies, and the reviver for a body with \\u0000', () => {
    const make = (t: string) => new JsonNumber(t);
    const text = '[{"market":"KRW-BTC","t":"2024-01-01T05:00:00","p":-1.50,"n":[1,2e3]}]';
    expect(parseWithMarkedNumbers(text, make)).toEqual(reference(text));
    expect(parseWithMarkedNumbers('{"s":"a\\u0000","n":1}', make)).toBeUndefined();
    expect(parseWithMarkedNumbers('[01]', make)).toBeUndefined();
  });

  it('keeps a "__proto__" key as data, never as the object\'s prototype', () => {
    const body = parseJsonExact('{"__proto__":{"n":1.5},"m":2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(['__proto__', 'm']);
    expect((body.m as JsonNumber).text).toBe('2');
  });

  it('gives numbers exactly as written, and strings of digits stay strings', () => {
    const body = parseJsonExact('{"v":5199947232.96207000,"s":"5199947232.96207000"}') as {
      v: JsonNumber;
      s: string;
    };
    expect(body.v).toBeInstanceOf(JsonNumber);
    expect(body.v.text).toBe('5199947232.96207000');
    expect(body.s).toBe('5199947232.96207000');
  });

  test.each(['[01]', '[1.]', '[-]', '[1-2]', '[1e]', '[.5]', '{"a":1 2}', '', '[1,]', '{"a":"b}'])(
    'rejects invalid JSON as JSON.parse does: %s',
    (text) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => parseJsonExact(text)).toThrow(SyntaxError);
    }
  );
});
