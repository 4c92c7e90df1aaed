export * from '../model/decimal';
export * from './json-values';
export * from './parse-response';
