export * from './errors';
export * from './json';
export * from './model';
export * from './protocol/logger';
export * from './http/types';
