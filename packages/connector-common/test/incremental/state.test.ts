import {ConfigError} from '../../src/errors/connector-error';
import {CandleCursors} from '../../src/incremental/candle-cursors';
import {readStateInput, streamStatesFromInput} from '../../src/incremental/input-state';
import {HOUR_MS} from '../../src/time/hours';

const at = (iso: string) => Date.parse(iso);
const cursorBlob = (hour: string) => ({markets: {'KRW-BTC': {candle_start_utc: hour}}});
const streamEntry = (name: string, stream_state: unknown) => ({
  type: 'STREAM',
  stream: {stream_descriptor: {name}, stream_state},
});

describe('streamStatesFromInput', () => {
  it('reads the platform array of per-stream STATE messages', () => {
    const states = streamStatesFromInput([
      streamEntry('candles_hourly', cursorBlob('2024-01-01T05:00:00Z')),
      streamEntry('markets', {}),
    ]);
    expect(Object.fromEntries(states)).toEqual({
      candles_hourly: cursorBlob('2024-01-01T05:00:00Z'),
      markets: {},
    });
  });

  it('accepts no state file, null, [] and {} as no state, saying so for the last three', () => {
    expect(readStateInput(undefined)).toEqual({streams: new Map(), notes: []});
    for (const [raw, what] of [
      [null, 'null'],
      [[], 'an empty list ([])'],
      [{}, 'an empty object ({})'],
    ] as const) {
      const input = readStateInput(raw);
      expect(input.streams.size).toBe(0);
      expect(input.notes).toEqual([
        `The state input is ${what}: no saved state; every stream starts from start_date.`,
      ]);
    }
  });

  it('refuses a GLOBAL state: this connector writes STREAM states only', () => {
    const global = {
      type: 'GLOBAL',
      global: {
        shared_state: {},
        stream_states: [
          {
            stream_descriptor: {name: 'candles_hourly'},
            stream_state: cursorBlob('2024-01-01T05:00:00Z'),
          },
        ],
      },
    };
    expect(() => readStateInput([global])).toThrow(
      new ConfigError(
        'State entry [0] is a GLOBAL state (shared by all streams, as CDC sources write). This ' +
          'connector only writes per-stream STREAM states, so this state is not its own. Reset ' +
          'the connection (Airbyte: Connection → Settings → Clear data) to start over from start_date.'
      )
    );
  });

  it('refuses a LEGACY state, as an object or as an array entry', () => {
    expect(() =>
      readStateInput({candles_hourly: cursorBlob('2024-01-01T05:00:00Z'), markets: null})
    ).toThrow(
      /^The state file holds a LEGACY state \(a JSON object, not an array of STREAM states\)/
    );
    expect(() => readStateInput([{type: 'LEGACY', data: {candles_hourly: {}}}])).toThrow(
      /^State entry \[0\] is a LEGACY state\./
    );
    expect(() => readStateInput([{data: {candles_hourly: {}}}])).toThrow(
      /^State entry \[0\] is a LEGACY state\./
    );
  });

  it('refuses one STATE message that is not in an array', () => {
    expect(() => readStateInput(streamEntry('markets', {}))).toThrow(
      'The state file holds one STATE message; it must be a JSON array of them'
    );
  });

  it('refuses two entries for one stream', () => {
    expect(() =>
      readStateInput([
        streamEntry('candles_hourly', cursorBlob('2024-01-01T05:00:00Z')),
        streamEntry('markets', {}),
        streamEntry('candles_hourly', cursorBlob('2024-01-02T05:00:00Z')),
      ])
    ).toThrow(/^State entries \[0\] and \[2\] are both for stream "candles_hourly"/);
  });

  it('ignores, saying so, a reset stream and a stream with a namespace', () => {
    const input = readStateInput([
      streamEntry('candles_hourly', null),
      {
        type: 'STREAM',
        stream: {stream_descriptor: {name: 'markets', namespace: 'other'}, stream_state: {}},
      },
    ]);
    expect(input.streams.size).toBe(0);
    expect(input.notes).toEqual([
      'The saved state of stream "candles_hourly" is null (the stream was reset): it starts from start_date.',
      'State entry [1] (stream "markets", namespace "other") is ignored: this source\'s streams have no namespace.',
    ]);
  });

  it('leaves out a stream whose state is null (the stream was reset)', () => {
    const states = streamStatesFromInput([
      streamEntry('candles_hourly', null),
      streamEntry('markets', {}),
    ]);
    expect(states.has('candles_hourly')).toBe(false);
    expect(states.has('markets')).toBe(true);
  });

  it('refuses a malformed entry, naming it and telling to reset', () => {
    const malformed = [streamEntry('markets', {}), {type: 'LEGACY', data: {candles_hourly: {}}}];
    expect(() => streamStatesFromInput(malformed)).toThrow(ConfigError);
    expect(() => streamStatesFromInput(malformed)).toThrow(
      /^State entry \[1\] is a LEGACY state\./
    );
    expect(() => streamStatesFromInput([{type: 'STREAM', stream: {}}])).toThrow(
      /^State entry \[0\] is not a STREAM state message .*to start over from start_date\.$/
    );
    expect(() => streamStatesFromInput('state')).toThrow(ConfigError);
  });
});

describe('CandleCursors', () => {
  const start = at('2024-01-01T00:00:00Z');

  it('reads from the configured start when a market has no cursor', () => {
    const cursors = CandleCursors.fromStreamState(undefined, 'candles_hourly');
    expect(cursors.readFrom('KRW-BTC', start, 3)).toBe(start);
    expect(cursors.toStreamState()).toEqual({markets: {}});
  });

  it('re-reads the lookback before the cursor, but never before the start', () => {
    const cursors = CandleCursors.fromStreamState(
      {
        markets: {
          'KRW-BTC': {candle_start_utc: '2024-01-05T10:00:00Z'},
          'KRW-ETH': {candle_start_utc: '2024-01-01T01:00:00Z'},
        },
      },
      'candles_hourly'
    );
    expect(cursors.readFrom('KRW-BTC', start, 3)).toBe(at('2024-01-05T07:00:00Z'));
    // Lookback 0 still re-reads the cursor hour itself: it may have been open.
    expect(cursors.readFrom('KRW-BTC', start, 0)).toBe(at('2024-01-05T10:00:00Z'));
    expect(cursors.readFrom('KRW-ETH', start, 3)).toBe(start);
    expect(cursors.readFrom('KRW-XRP', start, 3)).toBe(start);
  });

  it('never moves a cursor back, but refreshes its read time on a re-read', () => {
    const cursors = CandleCursors.fromStreamState(undefined, 'candles_hourly');
    const t0 = at('2024-01-05T10:30:00Z');
    cursors.advance('KRW-BTC', at('2024-01-05T10:00:00Z'), t0);
    cursors.advance('KRW-BTC', at('2024-01-05T08:00:00Z'), t0 + HOUR_MS);
    expect(cursors.toStreamState().markets['KRW-BTC']).toEqual({
      candle_start_utc: '2024-01-05T10:00:00Z',
      cursor_read_at: '2024-01-05T10:30:00.000Z',
    });
    cursors.advance('KRW-BTC', at('2024-01-05T10:00:00Z'), t0 + 60_000);
    expect(cursors.toStreamState().markets['KRW-BTC']).toEqual({
      candle_start_utc: '2024-01-05T10:00:00Z',
      cursor_read_at: '2024-01-05T10:31:00.000Z',
    });
    cursors.advance('KRW-BTC', at('2024-01-05T11:00:00Z'), t0 + 2 * HOUR_MS);
    expect(cursors.get('KRW-BTC')).toBe(at('2024-01-05T11:00:00Z'));
  });

  it('round-trips its state, cursor_read_at included, with markets sorted', () => {
    const cursors = CandleCursors.fromStreamState(undefined, 'candles_hourly');
    cursors.advance('KRW-XRP', at('2024-01-05T09:00:00Z'), at('2024-01-05T09:10:00.123Z'));
    cursors.advance('KRW-BTC', at('2024-01-05T10:00:00Z'), at('2024-01-05T10:41:07.456Z'));
    const saved = JSON.parse(JSON.stringify(cursors.toStreamState())) as unknown;
    expect(Object.keys((saved as {markets: object}).markets)).toEqual(['KRW-BTC', 'KRW-XRP']);
    const restored = CandleCursors.fromStreamState(saved, 'candles_hourly');
    expect(restored.toStreamState()).toEqual(saved);
    expect(restored.get('KRW-BTC')).toBe(at('2024-01-05T10:00:00Z'));
  });

  it('keeps a cursor written without cursor_read_at as it was', () => {
    const blob = cursorBlob('2024-01-05T10:00:00Z');
    expect(CandleCursors.fromStreamState(blob, 'candles_hourly').toStreamState()).toEqual(blob);
  });

  it.each<[string, unknown, string]>([
    [
      'a cursor that is not an hour',
      cursorBlob('2024-01-05T10:30:00Z'),
      'markets.KRW-BTC.candle_start_utc must be an hour like 2024-01-01T05:00:00Z',
    ],
    [
      'a cursor on a day that does not exist',
      cursorBlob('2024-02-30T05:00:00Z'),
      'markets.KRW-BTC.candle_start_utc must be a real calendar hour',
    ],
    [
      'a cursor in milliseconds',
      {markets: {'KRW-BTC': {candle_start_utc: 1704448800000}}},
      'markets.KRW-BTC.candle_start_utc',
    ],
    ['a blob without markets', {cursor: '2024-01-05T10:00:00Z'}, 'markets is missing'],
    [
      'a cursor under a renamed field',
      {markets: {'KRW-BTC': {start: '2024-01-05T10:00:00Z'}}},
      'markets.KRW-BTC.candle_start_utc is missing.',
    ],
    [
      'a legacy per-market string',
      {markets: {'KRW-BTC': '2024-01-05T10:00:00Z'}},
      'markets.KRW-BTC',
    ],
  ])('refuses %s, naming the field and telling to reset', (_case, blob, field) => {
    let message = '';
    try {
      CandleCursors.fromStreamState(blob, 'candles_hourly');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/^The saved state of stream "candles_hourly" is not valid: /);
    expect(message).toContain(field);
    expect(message).toContain('Reset the stream in Airbyte');
  });
});
