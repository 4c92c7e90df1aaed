export * from './market-code';
export * from './upbit-compatible';
