export * from './candle-source';
export * from './catalog';
export * from './config';
export * from './exchange-api';
export * from './exchange-definition';
