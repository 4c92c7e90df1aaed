export * from './errors';
export * from './requester';
export * from './json';
export * from './model';
export * from './paginator';
export * from './probe';
export * from './protocol';
export * from './runner';
export * from './connector';
export * from './incremental';
export * from './streams';
export * from './time';
export * from './record-selector';
// Not here: market-share (`@korea-candles/connector-common/market-share`, bin/market-share) and
// the conformance kit (`/testing`). Every connector process loads this entry point, for `spec`
// too, so it holds only what a connector runs.
