/** Hand-written protocol messages for the check tests: a conforming read and its pieces. */
import type {
  AirbyteMessage,
  ConfiguredAirbyteCatalog,
} from '@korea-candles/connector-common/testing';

export const T0 = 1_735_689_600_000;

export const PRICES_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['symbol', 'hour', 'volume'],
  properties: {
    symbol: {type: 'string'},
    hour: {type: 'string', format: 'date-time'},
    volume: {type: 'integer'},
  },
};

export const CATALOG: ConfiguredAirbyteCatalog = {
  streams: [
    {
      stream: {
        name: 'prices',
        json_schema: PRICES_SCHEMA,
        supported_sync_modes: ['full_refresh', 'incremental'],
        source_defined_cursor: true,
        default_cursor_field: ['hour'],
        source_defined_primary_key: [['symbol'], ['hour']],
        is_resumable: true,
      },
      sync_mode: 'incremental',
      destination_sync_mode: 'append',
      cursor_field: ['hour'],
    },
    {
      stream: {
        name: 'symbols',
        json_schema: {type: 'object', properties: {symbol: {type: 'string'}}},
        supported_sync_modes: ['full_refresh'],
      },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'append',
    },
  ],
};

export const record = (
  stream: string,
  data: Record<string, unknown>,
  emitted_at = T0
): AirbyteMessage => ({
  type: 'RECORD',
  record: {stream, data, emitted_at},
});

export const price = (hour: number, extra: Record<string, unknown> = {}): AirbyteMessage =>
  record('prices', {
    symbol: 'KRW-BTC',
    hour: `2024-01-01T${String(hour).padStart(2, '0')}:00:00Z`,
    volume: hour,
    ...extra,
  });

export const state = (
  stream: string,
  blob: Record<string, unknown> | null,
  recordCount?: number
): AirbyteMessage => ({
  type: 'STATE',
  state: {
    type: 'STREAM',
    stream: {stream_descriptor: {name: stream}, stream_state: blob},
    ...(recordCount === undefined ? {} : {sourceStats: {recordCount}}),
  },
});

export const cursorState = (hour: number, recordCount: number): AirbyteMessage =>
  state('prices', {cursor: `2024-01-01T${String(hour).padStart(2, '0')}:00:00Z`}, recordCount);

export const status = (
  stream: string,
  value: 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE'
): AirbyteMessage => ({
  type: 'TRACE',
  trace: {
    type: 'STREAM_STATUS',
    emitted_at: T0,
    stream_status: {stream_descriptor: {name: stream}, status: value},
  },
});

export const traceError = (
  message: string,
  failure_type?: 'config_error' | 'system_error' | 'transient_error',
  stream?: string
): AirbyteMessage => ({
  type: 'TRACE',
  trace: {
    type: 'ERROR',
    emitted_at: T0,
    error: {
      message,
      ...(failure_type === undefined ? {} : {failure_type}),
      ...(stream === undefined ? {} : {stream_descriptor: {name: stream}}),
    },
  },
});

/** A conforming incremental read of both streams: prices checkpointed twice, symbols once. */
export function goodRead(): AirbyteMessage[] {
  return [
    status('prices', 'STARTED'),
    status('prices', 'RUNNING'),
    price(0),
    price(1),
    cursorState(1, 2),
    price(2),
    cursorState(2, 1),
    status('prices', 'COMPLETE'),
    status('symbols', 'STARTED'),
    status('symbols', 'RUNNING'),
    record('symbols', {symbol: 'KRW-BTC'}),
    state('symbols', {}, 1),
    status('symbols', 'COMPLETE'),
    {type: 'LOG', log: {level: 'INFO', message: 'done'}},
  ];
}
