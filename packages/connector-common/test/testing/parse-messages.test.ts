import {integralFloatPathsOf, parseMessages} from '@korea-candles/connector-common/testing';

const RECORD =
  '{"type":"RECORD","record":{"stream":"s","data":{"n":1},"emitted_at":1735689600000}}';
const STATUS = '{"type":"CONNECTION_STATUS","connectionStatus":{"status":"SUCCEEDED"}}';

describe('parseMessages', () => {
  it('parses one message per line and tolerates the final newline', () => {
    const parsed = parseMessages(`${RECORD}\n${STATUS}\n`);
    expect(parsed.violations).toEqual([]);
    expect(parsed.messages.map((m) => m.type)).toEqual(['RECORD', 'CONNECTION_STATUS']);
    expect(parsed.lines).toEqual([1, 2]);
  });

  it('keeps unknown fields, as the protocol requires consumers to', () => {
    const parsed = parseMessages(
      '{"type":"LOG","log":{"level":"INFO","message":"hi","extra":1},"x":2}'
    );
    expect(parsed.messages[0]).toEqual({
      type: 'LOG',
      log: {level: 'INFO', message: 'hi', extra: 1},
      x: 2,
    });
  });

  it.each<[string, string, RegExp]>([
    [
      'a non-JSON line (stray console.log)',
      'starting read',
      /^line 2: not JSON .*starting read; stdout must carry only AirbyteMessages/,
    ],
    ['an empty line', '', /^line 2: not JSON/],
    [
      'an unknown type',
      '{"type":"HEARTBEAT"}',
      /^line 2: invalid HEARTBEAT AirbyteMessage: type: /,
    ],
    [
      'a type without its payload',
      '{"type":"RECORD"}',
      /^line 2: invalid RECORD AirbyteMessage: record: /,
    ],
    [
      'a payload that does not match its type',
      '{"type":"RECORD","record":{"stream":"s","data":{},"emitted_at":1},"state":{"type":"STREAM"}}',
      /line 2: invalid RECORD AirbyteMessage: state: type RECORD carries only `record`; remove `state`/,
    ],
    [
      'a record without emitted_at',
      '{"type":"RECORD","record":{"stream":"s","data":{}}}',
      /record.emitted_at: /,
    ],
    [
      'a fractional emitted_at',
      '{"type":"RECORD","record":{"stream":"s","data":{},"emitted_at":1.5}}',
      /record.emitted_at: .*int/i,
    ],
    [
      'record data that is not an object',
      '{"type":"RECORD","record":{"stream":"s","data":[1],"emitted_at":1}}',
      /record.data: /,
    ],
    [
      'an unknown failure_type',
      '{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"x","failure_type":"fatal"}}}',
      /trace.error.failure_type: /,
    ],
    [
      'an unknown stream status',
      '{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"s"},"status":"DONE"}}}',
      /trace.stream_status.status: /,
    ],
    [
      'a trace payload that does not match the trace type',
      '{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"x"},"estimate":{"name":"s","type":"STREAM"}}}',
      /trace.estimate: type ERROR carries only `error`; remove `estimate`/,
    ],
    [
      'a STREAM state without stream',
      '{"type":"STATE","state":{"type":"STREAM"}}',
      /state.stream: a STREAM state needs `stream`/,
    ],
    [
      'a CONTROL message of another type',
      '{"type":"CONTROL","control":{"type":"OTHER","emitted_at":1}}',
      /control.type: /,
    ],
    [
      'a destination-only message',
      '{"type":"DESTINATION_CATALOG","destination_catalog":{"operations":[]}}',
      /line 2: DESTINATION_CATALOG is destination-only/,
    ],
  ])('reports %s with its line number', (_name, line, expected) => {
    const parsed = parseMessages(`${STATUS}\n${line}\n${STATUS}\n`);
    expect(parsed.violations).toEqual([expect.stringMatching(expected)]);
    expect(parsed.lines).toEqual([1, 3]);
  });

  it('accepts every message kind a source emits', () => {
    const lines = [
      '{"type":"SPEC","spec":{"documentationUrl":"https://example.com","connectionSpecification":{"type":"object"}}}',
      '{"type":"CATALOG","catalog":{"streams":[{"name":"s","json_schema":{},"supported_sync_modes":["incremental"]}]}}',
      '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":{"cursor":"x"}},"sourceStats":{"recordCount":1.0}}}',
      '{"type":"TRACE","trace":{"type":"ESTIMATE","emitted_at":1,"estimate":{"name":"s","type":"STREAM","row_estimate":3}}}',
      '{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"stream_descriptor":{"name":"s"},"status":"RUNNING","reasons":[{"type":"RATE_LIMITED","rate_limited":{"quota_reset":5}}]}}}',
      '{"type":"CONTROL","control":{"type":"CONNECTOR_CONFIG","emitted_at":1,"connectorConfig":{"config":{"a":1}}}}',
    ];
    expect(parseMessages(lines.join('\n')).violations).toEqual([]);
  });

  it('remembers integral numbers written as floats in record data', () => {
    const parsed = parseMessages(
      '{"type":"RECORD","record":{"stream":"s","data":{"n":2.0,"m":[1e2, 3],"x":1.5},"emitted_at":1735689600000}}'
    );
    const [message] = parsed.messages;
    expect(integralFloatPathsOf(message!)).toEqual([['n'], ['m', '0']]);
  });
});
