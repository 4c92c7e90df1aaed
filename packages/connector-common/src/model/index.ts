export * from './candle';
export * from './market';
