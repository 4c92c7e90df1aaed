/**
 * `@korea-candles/connector-common/upbit-compatible`: what Upbit and Bithumb v1 share. Not
 * part of the runtime's entry point: only the packages of this family import it.
 */
export * from './market-code';
export * from './responses';
export * from './fixtures';
