export * from '../paginator/candle-windows';
export * from './candles-stream';
export * from './markets-stream';
export * from './read-progress';
export * from './select-markets';
