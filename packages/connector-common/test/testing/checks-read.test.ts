import {
  checkRead,
  parseMessages,
  type AirbyteMessage,
} from '@korea-candles/connector-common/testing';

import {CATALOG, cursorState, goodRead, price, record, state, status, traceError} from './messages';

const read = (
  messages: AirbyteMessage[],
  exitCode = 0,
  inputState?: Parameters<typeof checkRead>[1]['inputState']
) => checkRead(messages, {catalog: CATALOG, exitCode, inputState});

/** goodRead() with message `index` replaced (or removed when `by` is omitted). */
function replaced(index: number, ...by: AirbyteMessage[]): AirbyteMessage[] {
  const messages = goodRead();
  messages.splice(index, 1, ...by);
  return messages;
}

describe('checkRead', () => {
  it('accepts a conforming read', () => {
    expect(read(goodRead())).toEqual([]);
  });

  it('accepts a failed read that ends the failing stream INCOMPLETE and exits non-zero', () => {
    const messages = [
      status('prices', 'STARTED'),
      status('prices', 'RUNNING'),
      price(0),
      cursorState(0, 1),
      traceError('Upbit returned HTTP 500 three times', 'transient_error', 'prices'),
      status('prices', 'INCOMPLETE'),
    ];
    expect(read(messages, 1)).toEqual([]);
  });

  it.each<[string, () => AirbyteMessage[], number, RegExp]>([
    [
      'a state without type (LEGACY)',
      () => replaced(4, {type: 'STATE', state: {data: {cursor: 'x'}}}),
      0,
      /message\[4\] STATE: state type is missing \(= LEGACY\)/,
    ],
    [
      'a state of type LEGACY',
      () => replaced(4, {type: 'STATE', state: {type: 'LEGACY', data: {}}}),
      0,
      /message\[4\] STATE: state type is LEGACY/,
    ],
    [
      'a GLOBAL state',
      () => replaced(4, {type: 'STATE', state: {type: 'GLOBAL', global: {stream_states: []}}}),
      0,
      /message\[4\] STATE: state type is GLOBAL/,
    ],
    [
      'a recordCount that does not match the records since the previous state',
      () => replaced(4, cursorState(1, 3)),
      0,
      /message\[4\] STATE stream "prices": sourceStats.recordCount is 3 but 2 record\(s\)/,
    ],
    [
      'a state without sourceStats',
      () => replaced(4, state('prices', {cursor: '2024-01-01T01:00:00Z'})),
      0,
      /message\[4\] STATE stream "prices": sourceStats.recordCount is missing; set it to the 2/,
    ],
    ['a missing STARTED status', () => replaced(0), 0, /stream "prices": first status is RUNNING/],
    [
      'no RUNNING status before the first record',
      () => replaced(1),
      0,
      /stream "prices": record at message\[1\] comes before any RUNNING status/,
    ],
    [
      'no terminal status',
      () => replaced(7),
      0,
      /stream "prices": no COMPLETE or INCOMPLETE status/,
    ],
    [
      'INCOMPLETE on a successful read',
      () => replaced(7, status('prices', 'INCOMPLETE')),
      0,
      /stream "prices": ended INCOMPLETE although the read succeeded/,
    ],
    [
      'a record after COMPLETE',
      () => replaced(13, price(3), cursorState(3, 1)),
      0,
      /stream "prices": 1 record\(s\) after COMPLETE at message\[7\]/,
    ],
    [
      'a stream without any status',
      () =>
        goodRead().filter(
          (m) =>
            !(
              m.type === 'TRACE' &&
              m.trace.type === 'STREAM_STATUS' &&
              m.trace.stream_status.stream_descriptor.name === 'symbols'
            )
        ),
      0,
      /stream "symbols": no STREAM_STATUS trace/,
    ],
    [
      'two consecutive identical states of a stream',
      () => replaced(6, cursorState(1, 1)),
      0,
      /message\[6\] STATE stream "prices": stream_state repeats the previous state of this stream \(message\[4\]\)/,
    ],
    [
      'a record failing the stream schema',
      () => replaced(3, price(1, {volume: 'many'})),
      0,
      /message\[3\] RECORD stream "prices": data does not match the stream json_schema: data.volume must be integer/,
    ],
    [
      'a record with a malformed date-time',
      () => replaced(3, price(1, {hour: '2024-01-01 at one'})),
      0,
      /message\[3\] RECORD stream "prices": .*data.hour must match format "date-time"/,
    ],
    [
      'a record for a stream that is not configured',
      () => replaced(3, price(1), record('trades', {id: 1})),
      0,
      /message\[4\] RECORD stream "trades": stream is not in the configured catalog \(configured: "prices", "symbols"\)/,
    ],
    [
      'emitted_at in seconds',
      () =>
        replaced(
          2,
          record(
            'prices',
            {symbol: 'KRW-BTC', hour: '2024-01-01T00:00:00Z', volume: 0},
            1_735_689_600
          )
        ),
      0,
      /message\[2\] RECORD stream "prices": emitted_at 1735689600 is not an epoch-milliseconds integer/,
    ],
    [
      'a faros-airbyte-cdk key in the data',
      () => replaced(2, price(0, {__faros_source: 'x'})),
      0,
      /message\[2\] RECORD stream "prices": data.__faros_source is a faros-airbyte-cdk internal key/,
    ],
    [
      'a TRACE ERROR with exit code 0',
      () => replaced(13, traceError('boom', 'system_error')),
      0,
      /read: exit code 0 after 1 TRACE ERROR/,
    ],
    [
      'a non-zero exit code without TRACE ERROR',
      () => goodRead(),
      1,
      /read: exit code 1 without a TRACE ERROR/,
    ],
    [
      'a TRACE ERROR without failure_type',
      () => replaced(13, traceError('boom')),
      1,
      /message\[13\] TRACE: TRACE ERROR has no failure_type/,
    ],
    [
      'a cursor going back',
      () => replaced(6, cursorState(0, 1)),
      0,
      /message\[6\] STATE stream "prices": stream_state.cursor went back from "2024-01-01T01:00:00Z" \(message\[4\]\) to "2024-01-01T00:00:00Z"/,
    ],
    [
      'no state for a configured stream',
      () => replaced(11),
      0,
      /stream "symbols": no STATE message/,
    ],
    [
      'records after the last state of a stream',
      () => replaced(6),
      0,
      /stream "prices": 1 record\(s\) after its last STATE are not covered by any state/,
    ],
    [
      'a state for a stream that is not configured',
      () => replaced(11, state('symbols', {}, 1), state('trades', {}, 0)),
      0,
      /message\[12\] STATE stream "trades": state for a stream that is not in the configured catalog/,
    ],
    [
      'a null stream_state',
      () => replaced(11, state('symbols', null, 1)),
      0,
      /message\[11\] STATE stream "symbols": stream_state must be a JSON object/,
    ],
    [
      'a SPEC message in a read',
      () => replaced(13, {type: 'SPEC', spec: {connectionSpecification: {}}}),
      0,
      /message\[13\] SPEC: not a message `read` may emit/,
    ],
  ])('reports %s', (_name, messages, exitCode, expected) => {
    const violations = read(messages(), exitCode);
    expect(violations).toContainEqual(expect.stringMatching(expected));
  });

  it('reports a cursor behind the input state', () => {
    const input = [
      {
        type: 'STREAM' as const,
        stream: {
          stream_descriptor: {name: 'prices'},
          stream_state: {cursor: '2024-01-01T05:00:00Z'},
        },
      },
    ];
    expect(read(goodRead(), 0, input)).toContainEqual(
      expect.stringMatching(
        /message\[4\] STATE stream "prices": stream_state.cursor went back from "2024-01-01T05:00:00Z" \(the input state\)/
      )
    );
  });

  it('tracks per-market cursors in a nested blob independently', () => {
    const messages = replaced(
      4,
      state(
        'prices',
        {cursor: {'KRW-BTC': '2024-01-01T01:00:00Z', 'KRW-ETH': '2024-01-01T09:00:00Z'}},
        2
      )
    );
    messages.splice(
      6,
      1,
      state(
        'prices',
        {cursor: {'KRW-BTC': '2024-01-01T02:00:00Z', 'KRW-ETH': '2024-01-01T08:00:00Z'}},
        1
      )
    );
    expect(read(messages)).toEqual([
      expect.stringMatching(
        /stream_state.cursor.KRW-ETH went back from "2024-01-01T09:00:00Z" \(message\[4\]\) to "2024-01-01T08:00:00Z"/
      ),
    ]);
  });

  it('rejects an integer field written with a fraction, which JSON.parse alone cannot see', () => {
    const stdout = goodRead()
      .map((m) => JSON.stringify(m))
      .join('\n')
      .replace('"volume":1}', '"volume":1.0}');
    const parsed = parseMessages(stdout);
    expect(parsed.violations).toEqual([]);
    expect(read(parsed.messages)).toEqual([
      expect.stringMatching(
        /message\[3\] RECORD stream "prices": data.volume is written as a float but the schema says integer/
      ),
    ]);
  });
});
