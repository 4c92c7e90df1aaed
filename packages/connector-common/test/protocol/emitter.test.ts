import {ConfigError, ExchangeApiError} from '../../src/errors/connector-error';
import {
  connectionStatusMessage,
  errorTraceMessage,
  streamStateMessage,
} from '../../src/protocol/messages';
import {MemoryOutput, StreamOutput} from '../../src/protocol/output';
import {outputLogger} from '../../src/protocol/output-logger';
import {StreamEmitter} from '../../src/protocol/stream-emitter';
import {Writable} from 'node:stream';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const json = (m: unknown) => JSON.parse(JSON.stringify(m)) as Json;

describe('StreamEmitter', () => {
  it('starts with STARTED then RUNNING for its stream', () => {
    const started = new StreamEmitter('candles_hourly').start().map(json);
    expect(started.map((m) => [m.type, m.trace.type, m.trace.stream_status])).toEqual([
      ['TRACE', 'STREAM_STATUS', {stream_descriptor: {name: 'candles_hourly'}, status: 'STARTED'}],
      ['TRACE', 'STREAM_STATUS', {stream_descriptor: {name: 'candles_hourly'}, status: 'RUNNING'}],
    ]);
  });

  it('counts exactly the records since the previous STATE in each STATE', () => {
    const emitter = new StreamEmitter('candles_hourly');
    const counts: number[] = [];
    const emit = (records: number, cursor: string) => {
      emitter.records(Array.from({length: records}, (_, n) => ({n})));
      const state = emitter.state({cursor});
      if (state) counts.push(json(state).state.sourceStats.recordCount);
    };
    emit(3, 'a');
    emit(0, 'b');
    emit(2, 'c');
    emit(1, 'c'); // same state, but records in between: still emitted
    expect(counts).toEqual([3, 0, 2, 1]);
    expect(emitter.recordsEmitted).toBe(6);
  });

  it('does not repeat an identical STATE with no record in between', () => {
    const emitter = new StreamEmitter('candles_hourly');
    emitter.records([{n: 1}]);
    expect(emitter.state({markets: {'KRW-BTC': 'x'}})).toBeDefined();
    expect(emitter.state({markets: {'KRW-BTC': 'x'}})).toBeUndefined();
    expect(emitter.state({markets: {'KRW-BTC': 'y'}})).toBeDefined();
  });

  it('emits a first STATE even without records (an empty sync still checkpoints)', () => {
    const state = json(new StreamEmitter('markets').state({}));
    expect(state).toEqual({
      type: 'STATE',
      state: {
        type: 'STREAM',
        stream: {stream_descriptor: {name: 'markets'}, stream_state: {}},
        sourceStats: {recordCount: 0},
      },
    });
  });

  it('writes records with the stream name and data, and ends COMPLETE or INCOMPLETE', () => {
    const emitter = new StreamEmitter('markets');
    const [record] = emitter
      .records([{market: 'KRW-BTC'}])
      .messages()
      .map(json);
    expect(record!.type).toBe('RECORD');
    expect(record!.record).toEqual({
      stream: 'markets',
      data: {market: 'KRW-BTC'},
      emitted_at: expect.any(Number),
    });
    expect(json(emitter.complete()).trace.stream_status.status).toBe('COMPLETE');
    expect(json(emitter.incomplete()).trace.stream_status.status).toBe('INCOMPLETE');
  });
});

describe('streamStateMessage', () => {
  it('is always a per-stream STATE, never LEGACY', () => {
    expect(json(streamStateMessage('candles_hourly', {a: 1}, 7)).state).toEqual({
      type: 'STREAM',
      stream: {stream_descriptor: {name: 'candles_hourly'}, stream_state: {a: 1}},
      sourceStats: {recordCount: 7},
    });
  });
});

describe('errorTraceMessage', () => {
  it('reports a ConfigError as config_error, without a stack trace', () => {
    const error = json(errorTraceMessage(new ConfigError('config field "x" is bad.'), 'markets'))
      .trace.error;
    expect(error).toEqual({
      message: 'config field "x" is bad.',
      internal_message: 'ConfigError',
      failure_type: 'config_error',
      stream_descriptor: {name: 'markets'},
    });
  });

  it('keeps the failure type a connector error carries', () => {
    const err = new ExchangeApiError(
      {exchange: 'TestEx', endpoint: '/v1/x'},
      503,
      undefined,
      'HTTP 503',
      'transient_error'
    );
    const error = json(errorTraceMessage(err)).trace.error;
    expect(error.failure_type).toBe('transient_error');
    expect(error.message).toBe('TestEx /v1/x failed: HTTP 503');
    expect(error.stream_descriptor).toBeUndefined();
  });

  it('reports an unexpected error as a system_error with its stack, marked unexpected', () => {
    const error = json(errorTraceMessage(new TypeError('x is undefined'), 'candles_hourly')).trace
      .error;
    expect(error.message).toBe('Unexpected connector error: x is undefined');
    expect(error.failure_type).toBe('system_error');
    expect(error.internal_message).toBe('TypeError');
    expect(error.stack_trace).toContain('TypeError: x is undefined');
    expect(error.stack_trace).toContain('emitter.test.ts');
  });

  it('reports a thrown non-Error value readably', () => {
    const error = json(errorTraceMessage('boom')).trace.error;
    expect(error.message).toBe('Unexpected connector error: boom');
    expect(error.failure_type).toBe('system_error');
  });
});

describe('connection status', () => {
  it('says SUCCEEDED or FAILED with the message', () => {
    expect(json(connectionStatusMessage(false, 'no')).connectionStatus).toEqual({
      status: 'FAILED',
      message: 'no',
    });
    expect(json(connectionStatusMessage(true)).connectionStatus).toEqual({status: 'SUCCEEDED'});
  });
});

describe('outputs', () => {
  it('writes one JSON message per line and waits for a full pipe to drain', async () => {
    const lines: string[] = [];
    let release: (() => void) | undefined;
    const pipe = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        release = done; // the reader holds the pipe full until released
      },
    });
    const out = new StreamOutput(pipe);
    let written = false;
    const write = out.write(connectionStatusMessage(true)).then(() => (written = true));
    await new Promise((r) => setImmediate(r));
    expect(written).toBe(false);
    release!();
    await write;
    expect(written).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('}\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      type: 'CONNECTION_STATUS',
      connectionStatus: {status: 'SUCCEEDED'},
    });
  });

  it('logs as LOG messages at or above the chosen level', async () => {
    const out = new MemoryOutput();
    const logger = outputLogger(out, 'INFO');
    logger.debug('hidden');
    logger.info('shown');
    logger.warn('careful');
    const logs = out.messages.map((m) => json(m).log);
    expect(logs).toEqual([
      {level: 'INFO', message: 'shown'},
      {level: 'WARN', message: 'careful'},
    ]);
    outputLogger(out, 'DEBUG').debug('now shown');
    expect(json(out.messages.at(-1)).log).toEqual({level: 'DEBUG', message: 'now shown'});
  });
});
