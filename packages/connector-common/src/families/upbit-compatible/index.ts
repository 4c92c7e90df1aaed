/**
 * `@korea-candles/connector-common/upbit-compatible`: what Upbit and Bithumb v1 share. Not
 * part of the runtime's entry point: only the packages of this family import it. Its test
 * fixtures are a separate entry point (`/upbit-compatible/fixtures`) so no image carries them.
 */
export * from './market-code';
export * from './responses';
export * from './candle-page-decoder';
