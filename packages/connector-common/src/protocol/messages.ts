import type {
  AirbyteCatalog,
  AirbyteCatalogMessage,
  AirbyteConnectionStatusMessage,
  AirbyteLog,
  AirbyteLogLevel as CdkLogLevel,
  AirbyteMessage,
  AirbyteRecord,
  AirbyteSpec,
  Spec,
} from 'faros-airbyte-cdk';

import {ConnectorError, FailureType, failureTypeOf} from '../errors/connector-error';
import {redactSecrets} from '../errors/redact';
import {AirbyteConnectionStatus, AirbyteMessageType} from './protocol-values';

/**
 * Builders for every message the connectors emit. SPEC, CONNECTION_STATUS, CATALOG, RECORD and
 * LOG have the shape of the CDK's message classes (`AirbyteSpec`, ...: the payload, then `type`)
 * but are plain objects, so building them does not load the CDK (see protocol-values.ts);
 * test/protocol/messages-cdk.test.ts holds them byte for byte equal to the CDK's. STATE and TRACE
 * are our own because the CDK's versions do not match the protocol (LEGACY/compressed state, no
 * sourceStats, no stream status, no transient_error).
 */
export type Message = AirbyteMessage;

/** A message built here: the CDK's message type plus its payload. */
export type ProtocolMessage = AirbyteMessage & Readonly<Record<string, unknown>>;

export function specMessage(spec: Spec): AirbyteMessage {
  const message: AirbyteSpec = {spec, type: AirbyteMessageType.SPEC};
  return message;
}

export function connectionStatusMessage(ok: boolean, message?: string): AirbyteMessage {
  const status: AirbyteConnectionStatusMessage = {
    connectionStatus: {
      status: ok ? AirbyteConnectionStatus.SUCCEEDED : AirbyteConnectionStatus.FAILED,
      ...(message === undefined ? {} : {message: redactSecrets(message)}),
    },
    type: AirbyteMessageType.CONNECTION_STATUS,
  };
  return status;
}

export function catalogMessage(catalog: AirbyteCatalog): AirbyteMessage {
  const message: AirbyteCatalogMessage = {catalog, type: AirbyteMessageType.CATALOG};
  return message;
}

export function recordMessage(
  stream: string,
  data: object,
  emittedAt = Date.now()
): AirbyteMessage {
  const record: Pick<AirbyteRecord, 'record' | 'type'> = {
    record: {stream, emitted_at: emittedAt, data: data as Record<string, unknown>},
    type: AirbyteMessageType.RECORD,
  };
  return record;
}

/** Every LOG message, CONNECTION_STATUS and TRACE error goes through redactSecrets(). */
export function logMessage(level: CdkLogLevel, message: string): AirbyteMessage {
  // As the CDK's AirbyteLog.make: a LOG message is one line, and stack_trace is left unset.
  const log: AirbyteLog = {
    log: {level, message: redactSecrets(message).replace(/\n/g, '  '), stack_trace: undefined},
    type: AirbyteMessageType.LOG,
  };
  return log;
}

/** Per-stream STATE (never LEGACY), with the exact count of records since the last one. */
export function streamStateMessage(
  stream: string,
  streamState: object,
  recordCount: number
): ProtocolMessage {
  return {
    type: AirbyteMessageType.STATE,
    state: {
      type: 'STREAM',
      stream: {stream_descriptor: {name: stream}, stream_state: streamState},
      sourceStats: {recordCount},
    },
  };
}

export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

export function streamStatusMessage(stream: string, status: StreamStatus): ProtocolMessage {
  return {
    type: AirbyteMessageType.TRACE,
    trace: {
      type: 'STREAM_STATUS',
      emitted_at: Date.now(),
      stream_status: {stream_descriptor: {name: stream}, status},
    },
  };
}

/**
 * An ERROR trace. `message` is for the person reading the sync log; the stack goes to
 * `stack_trace` only for errors we did not anticipate (bugs), where it helps.
 */
export function errorTraceMessage(err: unknown, stream?: string): ProtocolMessage {
  const failureType: FailureType = failureTypeOf(err);
  const known = err instanceof ConnectorError;
  const message = redactSecrets(err instanceof Error ? err.message : String(err));
  return {
    type: AirbyteMessageType.TRACE,
    trace: {
      type: 'ERROR',
      emitted_at: Date.now(),
      error: {
        message: known ? message : `Unexpected connector error: ${message}`,
        internal_message: err instanceof Error ? err.name : 'Error',
        ...(!known && err instanceof Error && err.stack
          ? {stack_trace: redactSecrets(err.stack)}
          : {}),
        failure_type: failureType,
        ...(stream ? {stream_descriptor: {name: stream}} : {}),
      },
    },
  };
}
