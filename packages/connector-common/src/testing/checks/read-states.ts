/**
 * READ state rules. The platform (>= v2.0.0) throws on LEGACY states, compares
 * sourceStats.recordCount with its own count, and fails syncs on sequential duplicate states;
 * CAT needs >= 1 state per configured stream and exact counts to test resumption.
 */
import {compareCursor, cursorLeaves, type CursorValue} from '../cursor-values';
import type {AirbyteMessage} from '../protocol-schemas';
import {at, canonicalJson, recordStreamKey, streamKey} from './common';
import {describeConfigured, type ReadContext} from './read-context';

interface StreamProgress {
  recordsSinceState: number;
  lastStateIndex?: number;
  lastBlob?: string;
  /** Highest cursor seen per blob path and where it came from. */
  cursors: Map<string, {value: CursorValue; source: string}>;
  states: number;
}

export function checkStates(ctx: ReadContext): string[] {
  const violations: string[] = [];
  const progress = new Map<string, StreamProgress>();
  for (const [key, info] of ctx.streams) {
    const input = ctx.options.inputState?.find(
      (s) => streamKey(s.stream.stream_descriptor) === key
    );
    progress.set(key, {
      recordsSinceState: 0,
      cursors: new Map(
        [...cursorLeaves(input?.stream.stream_state ?? {}, info.cursorKeys)].map(
          ([path, value]) => [path, {value, source: 'the input state'}]
        )
      ),
      states: 0,
    });
  }

  ctx.messages.forEach((message, index) => {
    if (message.type === 'RECORD') {
      const p = progress.get(recordStreamKey(message.record));
      if (p !== undefined) p.recordsSinceState++;
    } else if (message.type === 'STATE') {
      violations.push(...checkState(ctx, progress, index, message));
    }
  });

  if (!ctx.failed) {
    for (const [key, p] of progress) {
      if (p.states === 0) {
        violations.push(
          `stream "${key}": no STATE message; emit at least one per configured stream (even full_refresh or empty ones)`
        );
      } else if (p.recordsSinceState > 0) {
        violations.push(
          `stream "${key}": ${p.recordsSinceState} record(s) after its last STATE are not covered by any state; emit a final state`
        );
      }
    }
  }
  return violations;
}

function checkState(
  ctx: ReadContext,
  progress: Map<string, StreamProgress>,
  index: number,
  message: Extract<AirbyteMessage, {type: 'STATE'}>
): string[] {
  const {state} = message;
  if (state.type === undefined || state.type === 'LEGACY') {
    return [
      at(
        index,
        message,
        `state type is ${state.type ?? 'missing (= LEGACY)'}; LEGACY states fail syncs on airbyte-platform >= 2.0, emit type "STREAM"`
      ),
    ];
  }
  if (state.type !== 'STREAM' || state.stream === undefined) {
    return [
      at(index, message, `state type is ${state.type}; emit one type "STREAM" state per stream`),
    ];
  }
  const key = streamKey(state.stream.stream_descriptor);
  const violations: string[] = [];
  const fail = (detail: string): void => void violations.push(at(index, message, detail, key));
  const p = progress.get(key);
  if (p === undefined) {
    fail(
      `state for a stream that is not in the configured catalog (configured: ${describeConfigured(ctx)})`
    );
    return violations;
  }
  p.states++;

  const blob = state.stream.stream_state;
  if (blob === undefined || blob === null) fail('stream_state must be a JSON object');

  const count = state.sourceStats?.recordCount;
  if (count === undefined) {
    fail(
      `sourceStats.recordCount is missing; set it to the ${p.recordsSinceState} record(s) emitted since the previous state`
    );
  } else if (count !== p.recordsSinceState) {
    fail(
      `sourceStats.recordCount is ${count} but ${p.recordsSinceState} record(s) of this stream were emitted since its previous state`
    );
  }
  p.recordsSinceState = 0;

  const canonical = canonicalJson(blob);
  if (p.lastBlob === canonical) {
    fail(
      `stream_state repeats the previous state of this stream (message[${p.lastStateIndex}]); ` +
        'the platform fails syncs on sequential duplicate states'
    );
  }
  p.lastBlob = canonical;
  p.lastStateIndex = index;

  const info = ctx.streams.get(key);
  const cursors = cursorLeaves(blob ?? {}, info?.cursorKeys ?? []);
  for (const [path, value] of cursors) {
    const previous = p.cursors.get(path);
    const order = previous === undefined ? 1 : compareCursor(value, previous.value);
    if (order === undefined) {
      fail(`stream_state.${path} changed type from ${typeof previous?.value} to ${typeof value}`);
    } else if (order < 0) {
      fail(
        `stream_state.${path} went back from ${JSON.stringify(previous?.value)} (${previous?.source}) to ${JSON.stringify(value)}; cursors must never decrease`
      );
    } else {
      // Paths missing from this state keep their old value: later states must not fall behind them either.
      p.cursors.set(path, {value, source: `message[${index}]`});
    }
  }
  return violations;
}
