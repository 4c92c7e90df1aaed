export * from './decimal';
export * from './json-values';
export * from './parse-response';
