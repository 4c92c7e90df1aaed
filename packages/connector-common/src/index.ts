export * from './errors';
export * from './http';
export * from './json';
export * from './model';
export * from './paging';
export * from './probe';
export * from './protocol';
export * from './runner';
export * from './source';
export * from './state';
export * from './streams';
export * from './time';
export * from './validation';
// Not here: market-share (`@korea-candles/connector-common/market-share`, bin/market-share) and
// the conformance kit (`/testing`). Every connector process loads this entry point, for `spec`
// too, so it holds only what a connector runs.
