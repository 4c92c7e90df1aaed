export * from './connector-error';
