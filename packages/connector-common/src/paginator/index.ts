export * from './hour-windows';
export * from '../concurrency/merge-concurrent';
export * from '../concurrency/ordered-prefetch';
export * from './window-page';
