import type {Writable} from 'node:stream';

import type {Message} from './messages';
import {type Emitted, RecordPage} from './record-page';
import {AirbyteMessageType} from './protocol-values';

/** Where protocol messages go: one JSON object per line. */
export interface MessageOutput {
  write(message: Emitted): Promise<void>;
  /** Writes out anything held back; the runner calls it when a command's messages end. */
  flush?(): Promise<void>;
}

/**
 * RECORDs held back before one write. A page's records go out with the STATE that follows
 * them in one write (a write per record was a fifth of the read path's CPU); the cap bounds
 * memory when a long run of records comes without any other message.
 */
const MAX_HELD_CHARS = 1 << 20;

/**
 * The reader of the output went away (a closed pipe: EPIPE). Nothing written from now on can
 * arrive, so the connector stops at once, quietly: there is nobody left to tell.
 */
export class OutputClosedError extends Error {
  constructor(cause?: unknown) {
    super('The output was closed by its reader; stopping.', {cause});
  }
}

/**
 * Writes messages to a stream (stdout by default) and waits for 'drain' when the pipe is
 * full, so a slow destination slows the reader instead of growing memory. Once the stream
 * fails (EPIPE when the reader closed the pipe), every write rejects with OutputClosedError.
 * RECORDs are held back until the next other message (a STATE ends every page), a byte cap
 * or flush(), and then written together with it, in the order they were given: a STATE never
 * reaches the reader before the records it counts.
 */
export class StreamOutput implements MessageOutput {
  private failure: Error | undefined;
  private held = '';

  constructor(private readonly stream: Writable = process.stdout) {
    // Without a listener, an EPIPE 'error' is an uncaught exception with a stack trace.
    stream.on('error', (err: Error) => (this.failure ??= err));
  }

  /** Whether the reader has gone away. */
  get closed(): boolean {
    return this.failure !== undefined || this.stream.destroyed;
  }

  async write(message: Emitted): Promise<void> {
    if (this.closed) throw new OutputClosedError(this.failure);
    // Appended at once (not after an await), so concurrent writers keep their call order.
    const page = message instanceof RecordPage;
    this.held += page ? message.lines() : JSON.stringify(message) + '\n';
    const records = page || message.type === AirbyteMessageType.RECORD;
    if (records && this.held.length < MAX_HELD_CHARS) return;
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.held === '') return;
    if (this.closed) throw new OutputClosedError(this.failure);
    const text = this.held;
    this.held = '';
    if (this.stream.write(text)) return;
    if (this.stream.destroyed || this.stream.writableEnded) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('close', done);
      this.stream.once('error', done);
    });
    if (this.failure !== undefined) throw new OutputClosedError(this.failure);
  }
}

/** Collects messages in memory (tests, in-process runs). */
export class MemoryOutput implements MessageOutput {
  readonly messages: Message[] = [];
  async write(message: Emitted): Promise<void> {
    const messages = message instanceof RecordPage ? message.messages() : [message];
    for (const m of messages) this.messages.push(JSON.parse(JSON.stringify(m)) as Message);
  }
}
