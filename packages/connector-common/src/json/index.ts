export * from './json-number';
