import {z} from 'zod';

import {ResponseValidationError} from '../../src/errors/connector-error';
import {JsonNumber, parseJsonExact} from '../../src/json/json-number';
import Decimal from 'decimal.js';

import {canonicalDecimal, canonicalPlainDecimal} from '../../src/model/decimal';
import {
  jsonDecimal,
  jsonInteger,
  jsonNonNegativeDecimal,
} from '../../src/record-selector/json-values';
import {parseResponse} from '../../src/record-selector/parse-response';

describe('canonicalDecimal', () => {
  it.each([
    ['11436000.00000000', '11436000'],
    ['640.12345670', '640.1234567'],
    ['0.50000000', '0.5'],
    ['007.25', '7.25'],
    ['000', '0'],
    ['0', '0'],
    ['0.00000000', '0'],
    ['-12.3400', '-12.34'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['37189906239683.17623000', '37189906239683.17623'],
  ])('writes %s as %s', (text, canonical) => {
    expect(canonicalDecimal(text)).toBe(canonical);
  });

  it('gives what decimal.js gives for every plain decimal, and leaves any other text to it', () => {
    const digits = ['0', '00', '1', '10', '007', '120', '9007199254740993', '000123000'];
    const fractions = ['', '.0', '.00', '.5', '.50', '.05', '.000100', '.17623000'];
    for (const sign of ['', '-']) {
      for (const d of digits) {
        for (const f of fractions) {
          const text = `${sign}${d}${f}`;
          const exact = new Decimal(text).toFixed();
          expect([text, canonicalPlainDecimal(text)]).toEqual([text, exact === '-0' ? '0' : exact]);
        }
      }
    }
    for (const text of [
      '',
      '-',
      '.5',
      '5.',
      '1e5',
      '1.2.3',
      '+1',
      '1 ',
      ' 1',
      '--1',
      '1-',
      '0x10',
    ]) {
      expect([text, canonicalPlainDecimal(text)]).toEqual([text, undefined]);
    }
  });

  it.each([
    ['1e-8', '0.00000001'],
    ['1E-8', '0.00000001'],
    ['1.5e3', '1500'],
    ['1.2300e2', '123'],
    ['1e+21', '1000000000000000000000'],
    ['-1.5e-3', '-0.0015'],
    ['-0e5', '0'],
    ['12345678901234567890.123456789e-10', '1234567890.1234567890123456789'],
  ])('expands the exponent form %s exactly to %s', (text, canonical) => {
    expect(canonicalDecimal(text)).toBe(canonical);
  });
});

describe('parseJsonExact', () => {
  it('keeps every number as the exact text the server sent', () => {
    const body = parseJsonExact(
      '{"v":37189906239683.17623000,"big":9007199254740993,"e":1e-8,"n":[-0,0.1]}'
    ) as Record<string, unknown>;
    expect(body.v).toEqual(new JsonNumber('37189906239683.17623000'));
    // 2^53 + 1: a float would read it as 9007199254740992.
    expect((body.big as JsonNumber).text).toBe('9007199254740993');
    expect((body.e as JsonNumber).text).toBe('1e-8');
    expect((body.n as JsonNumber[]).map((n) => n.text)).toEqual(['-0', '0.1']);
  });

  it('leaves strings, booleans and null alone, even when they look like numbers', () => {
    expect(parseJsonExact('{"s":"42","b":true,"x":null}')).toEqual({s: '42', b: true, x: null});
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseJsonExact('{"a":1,}')).toThrow(SyntaxError);
  });
});

const parse = <S extends z.ZodType>(schema: S, json: string) =>
  schema.safeParse(parseJsonExact(json));

describe('JSON value schemas', () => {
  it('turns a JSON number into its exact canonical decimal', () => {
    expect(parse(jsonDecimal(), '37189906239683.17623000')).toEqual({
      success: true,
      data: '37189906239683.17623',
    });
  });

  it('rejects a number sent as a string, saying it must be a JSON number', () => {
    const result = parse(jsonDecimal(), '"58100000.00000000"');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('must be a JSON number');
  });

  it('rejects a negative value where only non-negative ones make sense', () => {
    expect(parse(jsonNonNegativeDecimal(), '0.00000000').data).toBe('0');
    expect(parse(jsonNonNegativeDecimal(), '-0.5').error!.issues[0]!.message).toBe(
      'must not be negative'
    );
  });

  it('reads integers, and rejects fractions and integers a double cannot hold', () => {
    expect(parse(jsonInteger(), '1704067199123').data).toBe(1704067199123);
    expect(parse(jsonInteger(), '1.5').error!.issues[0]!.message).toBe(
      'must be an integer (got 1.5)'
    );
    expect(parse(jsonInteger(), '60.0').success).toBe(false);
    expect(parse(jsonInteger(), '9007199254740993').success).toBe(false);
    expect(parse(jsonInteger(), '"60"').error!.issues[0]!.message).toBe('must be a JSON number');
  });
});

describe('parseResponse', () => {
  const context = {exchange: 'Upbit', endpoint: '/v1/candles/minutes/60', market: 'KRW-BTC'};
  const rows = z.array(z.object({trade_price: jsonDecimal()}));

  it('returns the parsed data of a valid body', () => {
    expect(parseResponse(rows, parseJsonExact('[{"trade_price":1.50}]'), context)).toEqual([
      {trade_price: '1.5'},
    ]);
  });

  it('names exchange, endpoint, market and the path of the first bad field', () => {
    const body = parseJsonExact(
      '[{"trade_price":1},{"trade_price":2},{"trade_price":3},{"trade_price":"4"}]'
    );
    let error: unknown;
    try {
      parseResponse(rows, body, context);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).field).toBe('[3].trade_price');
    expect((error as Error).message).toBe(
      'Upbit /v1/candles/minutes/60 (market KRW-BTC) returned data that does not match the ' +
        'documented response: field "[3].trade_price" must be a JSON number. ' +
        'No record from this response was emitted.'
    );
  });

  it('names nested object paths with dots and the whole body when it has the wrong type', () => {
    const nested = z.object({data: z.object({rows: rows})});
    expect(() =>
      parseResponse(nested, parseJsonExact('{"data":{"rows":[{"trade_price":null}]}}'), context)
    ).toThrow('field "data.rows[0].trade_price"');
    expect(() => parseResponse(rows, parseJsonExact('{"error":"x"}'), context)).toThrow(
      'field "(response body)"'
    );
  });
});
