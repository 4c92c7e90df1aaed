import type {
  AirbyteConnectionStatus as CdkConnectionStatus,
  AirbyteLogLevel as CdkLogLevel,
  AirbyteMessageType as CdkMessageType,
  SyncMode as CdkSyncMode,
} from 'faros-airbyte-cdk';

/*
 * The values of the CDK's protocol enums, without loading the CDK: `require('faros-airbyte-cdk')`
 * takes most of a second (it loads faros-js-client, pino, table, ...), and `spec`, `check` and
 * `discover` run on every connector page view. Typed as the CDK's own enums, so they are
 * interchangeable with them; test/protocol/messages-cdk.test.ts holds them equal to the CDK's.
 */

export const AirbyteMessageType = {
  CATALOG: 'CATALOG',
  CONNECTION_STATUS: 'CONNECTION_STATUS',
  LOG: 'LOG',
  RECORD: 'RECORD',
  SPEC: 'SPEC',
  STATE: 'STATE',
  TRACE: 'TRACE',
} as unknown as typeof CdkMessageType;

export const AirbyteLogLevel = {
  FATAL: 'FATAL',
  ERROR: 'ERROR',
  WARN: 'WARN',
  INFO: 'INFO',
  DEBUG: 'DEBUG',
  TRACE: 'TRACE',
} as unknown as typeof CdkLogLevel;

export const AirbyteConnectionStatus = {
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
} as unknown as typeof CdkConnectionStatus;

export const SyncMode = {
  FULL_REFRESH: 'full_refresh',
  INCREMENTAL: 'incremental',
} as unknown as typeof CdkSyncMode;
