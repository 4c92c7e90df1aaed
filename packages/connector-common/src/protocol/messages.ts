import {
  AirbyteCatalog,
  AirbyteCatalogMessage,
  AirbyteConnectionStatus,
  AirbyteConnectionStatusMessage,
  AirbyteLog,
  AirbyteLogLevel,
  AirbyteMessage,
  AirbyteMessageType,
  AirbyteRecord,
  AirbyteSpec,
  Spec,
} from 'faros-airbyte-cdk';

import {ConnectorError, FailureType, failureTypeOf} from '../errors/connector-error';
import {redactSecrets} from '../errors/redact';

/**
 * Builders for every message the connectors emit. Where the CDK's own message classes match
 * the protocol they are used; STATE and TRACE are built here because the CDK's versions do
 * not (LEGACY/compressed state, no sourceStats, no stream status, no transient_error).
 */
export type Message = AirbyteMessage;

/** A message built here: the CDK's message type plus its payload. */
export type ProtocolMessage = AirbyteMessage & Readonly<Record<string, unknown>>;

export function specMessage(spec: Spec): AirbyteMessage {
  return new AirbyteSpec(spec);
}

export function connectionStatusMessage(ok: boolean, message?: string): AirbyteMessage {
  return new AirbyteConnectionStatusMessage({
    status: ok ? AirbyteConnectionStatus.SUCCEEDED : AirbyteConnectionStatus.FAILED,
    ...(message === undefined ? {} : {message: redactSecrets(message)}),
  });
}

export function catalogMessage(catalog: AirbyteCatalog): AirbyteMessage {
  return new AirbyteCatalogMessage(catalog);
}

export function recordMessage(
  stream: string,
  data: object,
  emittedAt = Date.now()
): AirbyteMessage {
  return new AirbyteRecord({stream, emitted_at: emittedAt, data: data as Record<string, unknown>});
}

/** Every LOG message, CONNECTION_STATUS and TRACE error goes through redactSecrets(). */
export function logMessage(level: AirbyteLogLevel, message: string): AirbyteMessage {
  return AirbyteLog.make(level, redactSecrets(message));
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
