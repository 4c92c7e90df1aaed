export * from './candle-source';
export * from './candle-request';
export * from './catalog';
export * from './config';
export * from './exchange-api';
export * from './exchange-definition';
export * from './spec';
