export {coinone} from './coinone';
export {parseCoinoneCandles, parseCoinoneMarkets} from './responses';
