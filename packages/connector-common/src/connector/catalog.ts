import type {AirbyteCatalog, AirbyteStream} from 'faros-airbyte-cdk';

import {
  CANDLE_CURSOR_FIELD,
  CANDLE_PRIMARY_KEY,
  CANDLE_STREAM,
  candleJsonSchema,
} from '../model/candle';
import {MARKET_STREAM, marketJsonSchema} from '../model/market';
import {SyncMode} from '../protocol/protocol-values';

type ResumableStream = AirbyteStream & {is_resumable?: boolean};

export const STREAM_NAMES = [MARKET_STREAM, CANDLE_STREAM] as const;

/** The streams every candle source offers; the same for every exchange. */
export function candleSourceCatalog(): AirbyteCatalog {
  const markets: ResumableStream = {
    name: MARKET_STREAM,
    json_schema: marketJsonSchema,
    supported_sync_modes: [SyncMode.FULL_REFRESH],
    source_defined_primary_key: [['market']],
    is_resumable: false,
  };
  const candles: ResumableStream = {
    name: CANDLE_STREAM,
    json_schema: candleJsonSchema,
    supported_sync_modes: [SyncMode.FULL_REFRESH, SyncMode.INCREMENTAL],
    source_defined_cursor: true,
    default_cursor_field: [CANDLE_CURSOR_FIELD],
    source_defined_primary_key: CANDLE_PRIMARY_KEY.map((k) => [...k]),
    is_resumable: true,
  };
  return {streams: [markets, candles]};
}
