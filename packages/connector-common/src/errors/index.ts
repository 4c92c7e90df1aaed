export * from './connector-error';
export * from './redact';
