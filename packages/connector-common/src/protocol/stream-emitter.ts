import {Message, streamStateMessage, streamStatusMessage} from './messages';
import {RecordPage} from './record-page';

/**
 * Builds one stream's messages in the order the platform requires: STARTED, RUNNING,
 * records and states, then COMPLETE or INCOMPLETE. Each STATE carries the exact number of
 * records emitted since the previous STATE of this stream, and a STATE identical to the
 * previous one with no records in between is not repeated (the platform fails a sync on
 * consecutive duplicate states).
 */
export class StreamEmitter {
  private recordsSinceState = 0;
  private lastStateJson: string | undefined;
  private total = 0;

  constructor(readonly stream: string) {}

  get recordsEmitted(): number {
    return this.total;
  }

  start(): Message[] {
    return [
      streamStatusMessage(this.stream, 'STARTED'),
      streamStatusMessage(this.stream, 'RUNNING'),
    ];
  }

  /** The records of one page, emitted together. */
  records(data: ReadonlyArray<object>): RecordPage {
    this.recordsSinceState += data.length;
    this.total += data.length;
    return new RecordPage(this.stream, data);
  }

  /** The STATE to emit now, or undefined when it would repeat the previous one. */
  state(streamState: object): Message | undefined {
    const json = JSON.stringify(streamState);
    if (json === this.lastStateJson && this.recordsSinceState === 0) return undefined;
    const message = streamStateMessage(this.stream, streamState, this.recordsSinceState);
    this.lastStateJson = json;
    this.recordsSinceState = 0;
    return message;
  }

  complete(): Message {
    return streamStatusMessage(this.stream, 'COMPLETE');
  }

  incomplete(): Message {
    return streamStatusMessage(this.stream, 'INCOMPLETE');
  }
}
