import {Writable} from 'node:stream';

import {recordMessage, streamStateMessage, logMessage} from '../../src/protocol/messages';
import {StreamOutput} from '../../src/protocol/output';
import {RecordPage} from '../../src/protocol/record-page';
import {AirbyteLogLevel} from '../../src/protocol/protocol-values';

function sink(): {writes: string[]; stream: Writable} {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  return {writes, stream};
}

describe('StreamOutput holds records back until the next other message', () => {
  it("writes a page's records and the STATE after them in one write, in order", async () => {
    const {writes, stream} = sink();
    const out = new StreamOutput(stream);
    const records = [1, 2, 3].map((n) => recordMessage('s', {n}, 1));
    for (const r of records) await out.write(r);
    expect(writes).toEqual([]);
    const state = streamStateMessage('s', {cursor: 3}, 3);
    await out.write(state);
    expect(writes).toEqual([[...records, state].map((m) => JSON.stringify(m) + '\n').join('')]);
  });

  it("writes a RecordPage's lines and the STATE after them in one write", async () => {
    const {writes, stream} = sink();
    const out = new StreamOutput(stream);
    const page = new RecordPage('s', [{n: 1}, {n: 2}], 7);
    const state = streamStateMessage('s', {cursor: 'x'}, 2);
    await out.write(page);
    expect(writes).toEqual([]);
    await out.write(state);
    expect(writes).toEqual([page.lines() + JSON.stringify(state) + '\n']);
  });

  it('keeps the order of a log written while records are held', async () => {
    const {writes, stream} = sink();
    const out = new StreamOutput(stream);
    await out.write(recordMessage('s', {n: 1}, 1));
    await out.write(logMessage(AirbyteLogLevel.INFO, 'hello'));
    const lines = writes.join('').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as {type: string}).type)).toEqual(['RECORD', 'LOG']);
  });

  it('writes held records on flush, and on its own once about a megabyte is held', async () => {
    const {writes, stream} = sink();
    const out = new StreamOutput(stream);
    await out.write(recordMessage('s', {n: 1}, 1));
    await out.flush();
    expect(writes).toHaveLength(1);
    const big = {text: 'x'.repeat(100_000)};
    for (let i = 0; i < 11; i++) await out.write(recordMessage('s', big, 1));
    expect(writes).toHaveLength(2);
    expect(writes[1]!.trimEnd().split('\n')).toHaveLength(11);
  });
});
