export * from './types';
export * from './clock';
export * from './query';
export * from './quota-headers';
export * from './rate-limiter';
export * from './error-body';
export * from './retry-policy';
export * from './exchange-http-client';
