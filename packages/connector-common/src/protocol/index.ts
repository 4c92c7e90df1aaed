export * from './logger';
export * from './messages';
export * from './output';
export * from './output-logger';
export * from './stream-emitter';
