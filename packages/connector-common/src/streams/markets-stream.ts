import type {Message} from '../protocol/messages';
import {StreamEmitter} from '../protocol/stream-emitter';
import type {ExchangeApi} from '../retriever/exchange-api';

/** Full refresh of the exchange's current market list. */
export async function* readMarketsStream(
  api: ExchangeApi,
  emitter: StreamEmitter
): AsyncGenerator<Message> {
  const markets = await api.markets();
  for (const market of markets) yield emitter.record(market);
  const state = emitter.state({});
  if (state) yield state;
}
