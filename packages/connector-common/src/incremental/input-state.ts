import {z} from 'zod';

import {ConfigError} from '../errors/connector-error';

const streamState = z.object({
  type: z.literal('STREAM'),
  stream: z.object({
    stream_descriptor: z.object({name: z.string(), namespace: z.string().nullish()}),
    stream_state: z.unknown().optional(),
  }),
});

const RESET_HOW =
  'Reset the connection (Airbyte: Connection → Settings → Clear data) to start over from start_date.';

/** The `--state` input, read: each stream's saved blob, and what was accepted but ignored. */
export interface StateInput {
  /** Each stream's blob; a stream with a null blob (reset) is left out. */
  readonly streams: Map<string, unknown>;
  /** One log line for each part of the input that was accepted but ignored. */
  readonly notes: string[];
}

/**
 * Reads the `--state` input the platform writes: a JSON array of per-stream STATE messages,
 * `[]` (no state), or `null` / `{}` (the empty state of older platforms). A stream whose
 * `stream_state` is null was reset and is left out. Each accepted-but-ignored part gets a
 * note to log. What this connector cannot have written is refused with a ConfigError: a
 * LEGACY object state, a GLOBAL state (it only writes STREAM states), two entries for one
 * stream, anything else.
 */
export function readStateInput(raw: unknown): StateInput {
  const streams = new Map<string, unknown>();
  const notes: string[] = [];
  const none = (what: string) =>
    notes.push(`The state input is ${what}: no saved state; every stream starts from start_date.`);
  if (raw === undefined) return {streams, notes};
  if (raw === null) {
    none('null');
    return {streams, notes};
  }
  if (!Array.isArray(raw)) {
    if (typeof raw !== 'object') {
      throw new ConfigError(
        `The state file must hold a JSON array of STATE messages, not a ${typeof raw}. ${RESET_HOW}`
      );
    }
    if (Object.keys(raw).length === 0) {
      none('an empty object ({})');
      return {streams, notes};
    }
    if ('type' in raw) {
      throw new ConfigError(
        'The state file holds one STATE message; it must be a JSON array of them ' +
          '([{"type":"STREAM",...}]).'
      );
    }
    throw new ConfigError(
      'The state file holds a LEGACY state (a JSON object, not an array of STREAM states). This ' +
        `connector only writes per-stream STREAM states, so this state is not its own. ${RESET_HOW}`
    );
  }
  if (raw.length === 0) {
    none('an empty list ([])');
    return {streams, notes};
  }
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const s = streamState.safeParse(entry);
    if (!s.success) throw notOurEntry(entry, i);
    const {stream_descriptor: descriptor, stream_state: blob} = s.data.stream;
    const {name, namespace} = descriptor;
    if (namespace !== null && namespace !== undefined) {
      notes.push(
        `State entry [${i}] (stream "${name}", namespace "${namespace}") is ignored: this ` +
          "source's streams have no namespace."
      );
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ConfigError(
        `State entries [${first}] and [${i}] are both for stream "${name}"; the platform sends ` +
          `one per stream, so the state was edited or merged. ${RESET_HOW}`
      );
    }
    seen.set(name, i);
    if (blob === null || blob === undefined) {
      notes.push(
        `The saved state of stream "${name}" is null (the stream was reset): it starts from start_date.`
      );
      return;
    }
    streams.set(name, blob);
  });
  return {streams, notes};
}

/** Each stream's saved blob (see readStateInput; its notes are dropped). */
export function streamStatesFromInput(raw: unknown): Map<string, unknown> {
  return readStateInput(raw).streams;
}

function notOurEntry(entry: unknown, i: number): ConfigError {
  const type =
    typeof entry === 'object' && entry !== null ? (entry as {type?: unknown}).type : undefined;
  if (type === 'GLOBAL') {
    return new ConfigError(
      `State entry [${i}] is a GLOBAL state (shared by all streams, as CDC sources write). This ` +
        `connector only writes per-stream STREAM states, so this state is not its own. ${RESET_HOW}`
    );
  }
  if (type === 'LEGACY' || (typeof entry === 'object' && entry !== null && 'data' in entry)) {
    return new ConfigError(
      `State entry [${i}] is a LEGACY state. This connector only writes per-stream STREAM ` +
        `states, so this state is not its own. ${RESET_HOW}`
    );
  }
  return new ConfigError(
    `State entry [${i}] is not a STREAM state message ` +
      '(expected {"type":"STREAM","stream":{"stream_descriptor":{"name":...},"stream_state":{...}}}). ' +
      RESET_HOW
  );
}
