import {z} from 'zod';

import {ConfigError} from '../errors/connector-error';

const streamState = z.object({
  type: z.literal('STREAM'),
  stream: z.object({
    stream_descriptor: z.object({name: z.string(), namespace: z.string().nullish()}),
    stream_state: z.unknown().optional(),
  }),
});

const globalState = z.object({
  type: z.literal('GLOBAL'),
  global: z.object({
    stream_states: z.array(
      z.object({
        stream_descriptor: z.object({name: z.string()}),
        stream_state: z.unknown().optional(),
      })
    ),
  }),
});

/**
 * Reads the `--state` input the platform writes: a JSON array of per-stream STATE messages
 * (or one GLOBAL), `[]` on a reset, or a legacy `{stream: blob}` object. Returns each
 * stream's blob; a null blob means the stream was reset and is left out.
 */
export function streamStatesFromInput(raw: unknown): Map<string, unknown> {
  const states = new Map<string, unknown>();
  if (raw === undefined || raw === null) return states;
  if (!Array.isArray(raw)) {
    if (typeof raw !== 'object') {
      throw new ConfigError('The state file must hold a JSON array of STATE messages.');
    }
    for (const [name, blob] of Object.entries(raw as Record<string, unknown>)) {
      if (blob !== null && blob !== undefined) states.set(name, blob);
    }
    return states;
  }
  raw.forEach((entry, i) => {
    const s = streamState.safeParse(entry);
    if (s.success) {
      const blob = s.data.stream.stream_state;
      if (blob !== null && blob !== undefined)
        states.set(s.data.stream.stream_descriptor.name, blob);
      return;
    }
    const g = globalState.safeParse(entry);
    if (g.success) {
      for (const st of g.data.global.stream_states) {
        if (st.stream_state !== null && st.stream_state !== undefined) {
          states.set(st.stream_descriptor.name, st.stream_state);
        }
      }
      return;
    }
    throw new ConfigError(
      `State entry [${i}] is not a STREAM or GLOBAL state message ` +
        '(expected {"type":"STREAM","stream":{"stream_descriptor":{"name":...},"stream_state":{...}}}). ' +
        'Reset the connection to start over.'
    );
  });
  return states;
}
