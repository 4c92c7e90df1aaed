import {
  checkConnection,
  checkDiscover,
  type AirbyteMessage,
  type AirbyteStream,
} from '@korea-candles/connector-common/testing';

import {PRICES_SCHEMA} from './messages';

const goodStream = (): AirbyteStream => ({
  name: 'prices',
  json_schema: structuredClone(PRICES_SCHEMA),
  supported_sync_modes: ['full_refresh', 'incremental'],
  source_defined_cursor: true,
  default_cursor_field: ['hour'],
  source_defined_primary_key: [['symbol'], ['hour']],
  is_resumable: true,
});

const catalog = (...streams: AirbyteStream[]): AirbyteMessage => ({
  type: 'CATALOG',
  catalog: {streams},
});
const discover = (messages: AirbyteMessage[]) => checkDiscover(messages, {exitCode: 0});

describe('checkDiscover', () => {
  it('accepts a conforming catalog', () => {
    const markets: AirbyteStream = {
      name: 'markets',
      json_schema: {type: 'object', properties: {market: {type: 'string'}}},
      supported_sync_modes: ['full_refresh'],
    };
    expect(discover([catalog(goodStream(), markets)])).toEqual([]);
  });

  it.each<[string, () => AirbyteMessage[], RegExp]>([
    ['no CATALOG', () => [], /discover: expected exactly 1 CATALOG message, got 0/],
    ['an empty catalog', () => [catalog()], /streams is empty/],
    [
      'duplicate stream names',
      () => [catalog(goodStream(), goodStream())],
      /stream "prices": duplicate stream name/,
    ],
    [
      'an invalid json_schema',
      () => [catalog({...goodStream(), json_schema: {type: 'objekt'}})],
      /stream "prices": json_schema not a valid draft-07 schema/,
    ],
    [
      'a cursor not in the schema',
      () => [catalog({...goodStream(), default_cursor_field: ['updated_at']})],
      /default_cursor_field \["updated_at"\] is not a property of json_schema/,
    ],
    [
      'a primary key not in the schema',
      () => [catalog({...goodStream(), source_defined_primary_key: [['id']]})],
      /source_defined_primary_key \["id"\] is not a property/,
    ],
    [
      'an object-typed primary key',
      () => {
        const stream = goodStream();
        (stream.json_schema.properties as Record<string, unknown>).symbol = {
          type: 'object',
          properties: {},
        };
        return [catalog(stream)];
      },
      /source_defined_primary_key \["symbol"\] has type "object"; primary key fields must be scalar/,
    ],
    [
      'incremental without source_defined_cursor',
      () => [catalog({...goodStream(), source_defined_cursor: undefined})],
      /supports incremental but source_defined_cursor is not true/,
    ],
    [
      'incremental without default_cursor_field',
      () => [catalog({...goodStream(), default_cursor_field: undefined})],
      /supports incremental but has no default_cursor_field/,
    ],
    [
      'incremental without is_resumable',
      () => [catalog({...goodStream(), is_resumable: false})],
      /supports incremental but is_resumable is not true/,
    ],
    [
      'allOf in a stream schema',
      () => [catalog({...goodStream(), json_schema: {...PRICES_SCHEMA, allOf: [{}]}})],
      /json_schema: keyword "allOf" is not allowed/,
    ],
    [
      'additionalProperties false',
      () => [
        catalog({...goodStream(), json_schema: {...PRICES_SCHEMA, additionalProperties: false}}),
      ],
      /json_schema: additionalProperties must be true/,
    ],
  ])('reports %s', (_name, messages, expected) => {
    expect(discover(messages())).toContainEqual(expect.stringMatching(expected));
  });
});

describe('checkConnection', () => {
  const status = (s: 'SUCCEEDED' | 'FAILED', message?: string): AirbyteMessage => ({
    type: 'CONNECTION_STATUS',
    connectionStatus: message === undefined ? {status: s} : {status: s, message},
  });

  it('accepts SUCCEEDED for a valid config and FAILED naming the field for a bad one', () => {
    expect(
      checkConnection([status('SUCCEEDED')], {exitCode: 0, expectedStatus: 'SUCCEEDED'})
    ).toEqual([]);
    expect(
      checkConnection([status('FAILED', 'markets: KRW-XYZ is not listed')], {
        exitCode: 0,
        expectedStatus: 'FAILED',
        expectMessageMatching: /markets/,
      })
    ).toEqual([]);
  });

  it('reports a bad config that exits non-zero, has no message, or does not name the field', () => {
    expect(
      checkConnection([status('FAILED')], {
        exitCode: 1,
        expectedStatus: 'FAILED',
        expectMessageMatching: /markets/,
      })
    ).toEqual([
      'check: exit code 1; the command must exit 0',
      expect.stringMatching(/a FAILED status needs a non-empty message/),
      expect.stringMatching(/message "" does not match \/markets\//),
    ]);
  });

  it('reports a wrong status and a missing or repeated status', () => {
    expect(
      checkConnection([status('FAILED', 'nope')], {exitCode: 0, expectedStatus: 'SUCCEEDED'})
    ).toEqual([expect.stringMatching(/status is FAILED, expected SUCCEEDED \(message: nope\)/)]);
    expect(checkConnection([], {exitCode: 0, expectedStatus: 'SUCCEEDED'})).toEqual([
      'check: expected exactly 1 CONNECTION_STATUS message, got 0',
    ]);
    expect(
      checkConnection([status('SUCCEEDED'), status('SUCCEEDED')], {
        exitCode: 0,
        expectedStatus: 'SUCCEEDED',
      })
    ).toEqual(['check: expected exactly 1 CONNECTION_STATUS message, got 2']);
  });
});
