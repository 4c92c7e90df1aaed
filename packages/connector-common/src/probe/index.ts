export * from './finding';
export * from './run-probe';
