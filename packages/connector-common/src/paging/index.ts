export * from './hour-windows';
export * from './merge-concurrent';
export * from './ordered-prefetch';
export * from './window-page';
