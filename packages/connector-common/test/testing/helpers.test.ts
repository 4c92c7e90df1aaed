import {
  buildConfiguredCatalog,
  checkpointsOf,
  futureStateFrom,
  lastStatePerStream,
  middleCheckpoint,
  spawnInvoker,
  TIMEOUT_EXIT_CODE,
  type AirbyteCatalog,
} from '@korea-candles/connector-common/testing';

import {CATALOG, cursorState, goodRead, price, state} from './messages';

describe('futureStateFrom', () => {
  it('moves every ISO timestamp and date to 2999-12-31, leaving everything else', () => {
    const input = [
      {
        type: 'STREAM' as const,
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {
            cursor: {'KRW-BTC': '2024-01-01T05:00:00Z', 'KRW-ETH': '2024-01-01T14:00:00+09:00'},
            day: '2024-01-01',
            version: 2,
            note: 'x',
          },
        },
      },
    ];
    expect(futureStateFrom(input)).toEqual([
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'candles_hourly'},
          stream_state: {
            cursor: {'KRW-BTC': '2999-12-31T00:00:00Z', 'KRW-ETH': '2999-12-31T00:00:00Z'},
            day: '2999-12-31',
            version: 2,
            note: 'x',
          },
        },
      },
    ]);
    expect(input[0]!.stream.stream_state.cursor['KRW-BTC']).toBe('2024-01-01T05:00:00Z');
  });
});

describe('lastStatePerStream', () => {
  it('builds the platform --state array from the last state of each stream, without sourceStats', () => {
    expect(lastStatePerStream(goodRead())).toEqual([
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'prices'},
          stream_state: {cursor: '2024-01-01T02:00:00Z'},
        },
      },
      {type: 'STREAM', stream: {stream_descriptor: {name: 'symbols'}, stream_state: {}}},
    ]);
  });

  it('stops at a given message index (a mid-read checkpoint)', () => {
    expect(lastStatePerStream(goodRead(), 4)).toEqual([
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: {name: 'prices'},
          stream_state: {cursor: '2024-01-01T01:00:00Z'},
        },
      },
    ]);
  });
});

describe('checkpointsOf / middleCheckpoint', () => {
  it('skips repeated and empty checkpoints and never picks the last one', () => {
    const messages = [
      price(0),
      cursorState(0, 1),
      cursorState(0, 0),
      price(1),
      cursorState(1, 1),
      price(2),
      price(3),
      cursorState(3, 2),
    ];
    const checkpoints = checkpointsOf(messages, 'prices');
    expect(checkpoints).toEqual([
      {index: 1, cumulativeRecords: 1},
      {index: 4, cumulativeRecords: 2},
      {index: 7, cumulativeRecords: 4},
    ]);
    expect(middleCheckpoint(checkpoints)).toEqual({index: 4, cumulativeRecords: 2});
    expect(middleCheckpoint(checkpoints.slice(0, 1))).toBeUndefined();
    expect(checkpointsOf([state('symbols', {}, 1)], 'prices')).toEqual([]);
  });
});

describe('buildConfiguredCatalog', () => {
  const discovered: AirbyteCatalog = {streams: CATALOG.streams.map((s) => s.stream)};

  it('configures incremental where supported with the source cursor and primary key', () => {
    const configured = buildConfiguredCatalog(discovered, {syncMode: 'incremental'});
    expect(
      configured.streams.map((s) => [s.stream.name, s.sync_mode, s.cursor_field, s.primary_key])
    ).toEqual([
      ['prices', 'incremental', ['hour'], [['symbol'], ['hour']]],
      ['symbols', 'full_refresh', undefined, undefined],
    ]);
  });

  it('filters streams and rejects names discover did not return', () => {
    expect(
      buildConfiguredCatalog(discovered, {syncMode: 'full_refresh', streams: ['prices']}).streams
    ).toHaveLength(1);
    expect(() =>
      buildConfiguredCatalog(discovered, {syncMode: 'incremental', streams: ['trades']})
    ).toThrow('streams trades are not in the discovered catalog');
  });
});

describe('spawnInvoker', () => {
  it('captures stdout, stderr and the exit code separately', async () => {
    // node -e runs the inline script: the binPath slot carries the flag.
    const invoke = spawnInvoker('-e', {GREETING: 'hi'});
    const result = await invoke([
      'process.stdout.write("out:" + process.env.GREETING); process.stderr.write("err"); process.exit(3)',
    ]);
    expect(result).toEqual({stdout: 'out:hi', stderr: 'err', exitCode: 3});
  });

  it('kills a connector that outlives its timeout', async () => {
    const invoke = spawnInvoker('-e', {}, {timeoutMs: 300});
    const result = await invoke(['setTimeout(() => {}, 60000)']);
    expect(result.exitCode).toBe(TIMEOUT_EXIT_CODE);
    expect(result.stderr).toMatch(/killed after 300 ms/);
  });
});
