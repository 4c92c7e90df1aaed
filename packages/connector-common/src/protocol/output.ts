import type {Writable} from 'node:stream';

import type {Message} from './messages';

/** Where protocol messages go: one JSON object per line. */
export interface MessageOutput {
  write(message: Message): Promise<void>;
}

/**
 * Writes messages to a stream (stdout by default) and waits for 'drain' when the pipe is
 * full, so a slow destination slows the reader instead of growing memory.
 */
export class StreamOutput implements MessageOutput {
  constructor(private readonly stream: Writable = process.stdout) {}

  async write(message: Message): Promise<void> {
    if (this.stream.write(JSON.stringify(message) + '\n')) return;
    if (this.stream.destroyed || this.stream.writableEnded) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
    });
  }
}

/** Collects messages in memory (tests, in-process runs). */
export class MemoryOutput implements MessageOutput {
  readonly messages: Message[] = [];
  async write(message: Message): Promise<void> {
    this.messages.push(JSON.parse(JSON.stringify(message)) as Message);
  }
}
