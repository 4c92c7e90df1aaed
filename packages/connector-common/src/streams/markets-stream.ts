import type {Emitted} from '../protocol/record-page';
import {StreamEmitter} from '../protocol/stream-emitter';
import type {ExchangeApi} from '../retriever/exchange-api';

/** Full refresh of the exchange's current market list. */
export async function* readMarketsStream(
  api: ExchangeApi,
  emitter: StreamEmitter
): AsyncGenerator<Emitted> {
  const markets = await api.markets();
  if (markets.length > 0) yield emitter.records(markets);
  const state = emitter.state({});
  if (state) yield state;
}
