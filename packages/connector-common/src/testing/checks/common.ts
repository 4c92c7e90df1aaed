import type {AirbyteMessage, AirbyteMessageType, MessageOf} from '../protocol-schemas';

/** A violation names where it happened: `message[12] RECORD stream "markets": data.close: ...`. */
export function at(
  index: number,
  message: AirbyteMessage,
  detail: string,
  stream?: string
): string {
  return `message[${index}] ${message.type}${stream === undefined ? '' : ` stream "${stream}"`}: ${detail}`;
}

export function indexed<T extends AirbyteMessageType>(
  messages: readonly AirbyteMessage[],
  type: T
): Array<{index: number; message: MessageOf<T>}> {
  const found: Array<{index: number; message: MessageOf<T>}> = [];
  messages.forEach((message, index) => {
    if (message.type === type) found.push({index, message: message as MessageOf<T>});
  });
  return found;
}

/** Streams are identified by namespace and name, as the platform does. */
export function streamKey(descriptor: {name: string; namespace?: string | undefined}): string {
  return descriptor.namespace === undefined
    ? descriptor.name
    : `${descriptor.namespace}.${descriptor.name}`;
}

export function recordStreamKey(record: {stream: string; namespace?: string | undefined}): string {
  return streamKey({name: record.stream, namespace: record.namespace});
}

/** Exactly one message of `type`; the violation explains what came instead. */
export function exactlyOne<T extends AirbyteMessageType>(
  messages: readonly AirbyteMessage[],
  type: T,
  command: string
): {found?: {index: number; message: MessageOf<T>}; violations: string[]} {
  const all = indexed(messages, type);
  if (all.length === 1) return {found: all[0], violations: []};
  const errors = indexed(messages, 'TRACE').filter(({message}) => message.trace.type === 'ERROR');
  const hint =
    errors.length > 0
      ? ` (TRACE ERROR: ${errors.map(({message}) => (message.trace.type === 'ERROR' ? message.trace.error.message : '')).join(' | ')})`
      : '';
  return {
    found: all[0],
    violations: [`${command}: expected exactly 1 ${type} message, got ${all.length}${hint}`],
  };
}

export function exitCodeZero(command: string, exitCode: number): string[] {
  return exitCode === 0 ? [] : [`${command}: exit code ${exitCode}; the command must exit 0`];
}

/** JSON with object keys sorted, so key order does not make equal blobs differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v
  );
}
