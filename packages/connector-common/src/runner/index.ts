export * from './input-files';
export * from './main';
export * from './run-connector';
