export * from './candle-cursors';
export * from './input-state';
