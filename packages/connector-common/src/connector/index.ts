export * from './candle-source';
export * from '../definition/candle-request';
export * from './catalog';
export * from '../config/config';
export * from '../retriever/exchange-api';
export * from '../definition/exchange-definition';
export * from '../config/spec';
