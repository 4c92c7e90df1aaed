import {createReadStream, statSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {Readable} from 'node:stream';
import {CANDLE_STREAM} from '../model/candle';

/** One input: a file, or `-` for stdin. */
export interface InputSource {
  readonly name: string;
  /** Bytes, when known up front (regular files), for the progress percentage. */
  readonly size: number | undefined;
  open(): Readable;
}

export function fileSource(path: string, stdin: Readable = process.stdin): InputSource {
  if (path === '-') return {name: '<stdin>', size: undefined, open: () => stdin};
  let size: number | undefined;
  try {
    const st = statSync(path);
    size = st.isFile() ? st.size : undefined;
  } catch (e) {
    throw new Error(`cannot read input ${path}: ${(e as Error).message}`, {cause: e});
  }
  return {name: path, size, open: () => createReadStream(path)};
}

export interface Line {
  readonly text: string;
  /** 1-based. */
  readonly lineNo: number;
}

/**
 * Lines of one source, streamed: only the current line is in memory, so multi-GB files read in
 * flat memory. `onBytes` is told about every chunk read (for progress).
 */
export async function* readLines(
  source: InputSource,
  onBytes: (n: number) => void
): AsyncGenerator<Line> {
  const stream = source.open();
  stream.on('data', (chunk: Buffer | string) =>
    onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length)
  );
  const rl = createInterface({input: stream, crlfDelay: Infinity});
  let lineNo = 0;
  for await (const text of rl) {
    lineNo++;
    yield {text, lineNo};
  }
}

export type MessageResult =
  | {kind: 'skip'}
  | {kind: 'candle'; data: unknown}
  | {kind: 'invalid'; field: string; message: string};

/**
 * Classifies one line of `read` output: a candles_hourly RECORD (its `data`), anything else an
 * Airbyte source prints (LOG, STATE, TRACE, other streams: skipped), or not an Airbyte message.
 */
export function classifyLine(text: string): MessageResult {
  if (text.trim() === '') return {kind: 'skip'};
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    return {kind: 'invalid', field: '(line)', message: `not JSON: ${(e as Error).message}`};
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return {kind: 'invalid', field: '(line)', message: 'not an Airbyte message object'};
  }
  const m = msg as {type?: unknown; record?: unknown};
  if (typeof m.type !== 'string') {
    return {
      kind: 'invalid',
      field: 'type',
      message: 'missing: every Airbyte message has a string "type"',
    };
  }
  if (m.type !== 'RECORD') return {kind: 'skip'};
  const record = m.record as {stream?: unknown; data?: unknown} | undefined;
  if (typeof record !== 'object' || record === null) {
    return {kind: 'invalid', field: 'record', message: 'a RECORD message needs a "record" object'};
  }
  if (record.stream !== CANDLE_STREAM) return {kind: 'skip'};
  return {kind: 'candle', data: record.data};
}
