export {connectionSpecification} from './connection-specification';
export {korbit} from './korbit';
export {
  KORBIT_SYMBOL,
  korbitCandles,
  korbitCurrencyPairs,
  parseKorbitCandles,
  parseKorbitMarkets,
} from './responses';
