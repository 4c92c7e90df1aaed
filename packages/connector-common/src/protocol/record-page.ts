import {type Message, recordMessage} from './messages';

/**
 * The RECORDs of one stream that one page of the exchange gave, carried through the read and
 * written as one block of lines. A `yield`, a message object and an output call per record
 * were a measurable share of the read path's CPU; a page of them costs one of each.
 *
 * `lines()` is byte for byte what `JSON.stringify` gives for each record's RECORD message
 * (test/protocol/record-page.test.ts), so the platform sees no difference.
 */
export class RecordPage {
  constructor(
    readonly stream: string,
    readonly records: ReadonlyArray<object>,
    /** One time for the page: the records are emitted together. */
    readonly emittedAt: number = Date.now()
  ) {}

  /** The RECORD messages, one per record (the CDK's read(), in-memory outputs). */
  messages(): Message[] {
    return this.records.map((data) => recordMessage(this.stream, data, this.emittedAt));
  }

  /** The RECORD messages as JSON lines, each ending with a newline. */
  lines(): string {
    const head = `{"record":{"stream":${JSON.stringify(this.stream)},"emitted_at":${JSON.stringify(this.emittedAt)},"data":`;
    let text = '';
    for (const data of this.records) text += `${head}${JSON.stringify(data)}},"type":"RECORD"}\n`;
    return text;
  }
}

/** What a read yields: protocol messages, and pages of records. */
export type Emitted = Message | RecordPage;

/** Each page as its RECORD messages, everything else as it is. */
export async function* asMessages(emitted: AsyncIterable<Emitted>): AsyncGenerator<Message> {
  for await (const item of emitted) {
    if (item instanceof RecordPage) yield* item.messages();
    else yield item;
  }
}
