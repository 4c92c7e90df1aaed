/** Where progress goes: process.stderr, or a fake in tests. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const INTERVAL_MS = 250;

/**
 * Progress on stderr. On a terminal it redraws one line at most four times a second; when
 * stderr is a file or pipe (CI logs) it stays quiet until the final summary line.
 */
export class Progress {
  private bytes = 0;
  private lines = 0;
  private lastDraw = 0;
  private readonly started: number;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly totalBytes: number | undefined,
    private readonly now: () => number = Date.now,
    /** Warehouse input: rows, no bytes. */
    private readonly rows = false
  ) {
    this.started = now();
  }

  addBytes(n: number): void {
    this.bytes += n;
  }

  line(): void {
    this.lines++;
    // Checking the clock on every line would cost more than the line; every 4096 is plenty.
    if ((this.lines & 4095) === 0) this.maybeDraw();
  }

  maybeDraw(): void {
    if (!this.sink.isTTY) return;
    const t = this.now();
    if (t - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = t;
    this.drawn = true;
    this.sink.write(`\r\x1b[K${this.describe(t)}`);
  }

  /** Always printed, TTY or not: the one line a log keeps. */
  finish(summary: string): void {
    const t = this.now();
    if (this.drawn) this.sink.write('\r\x1b[K');
    this.sink.write(`market-share: ${this.describe(t)}; ${summary}\n`);
  }

  private describe(t: number): string {
    const seconds = Math.max((t - this.started) / 1000, 0.001);
    if (this.rows) {
      return (
        `${this.lines.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s ` +
        `(${Math.round(this.lines / seconds).toLocaleString('en-US')} rows/s)`
      );
    }
    const mb = this.bytes / 1e6;
    const size = mb >= 1 ? `${mb.toFixed(1)} MB` : `${(this.bytes / 1e3).toFixed(1)} kB`;
    const pct = this.totalBytes ? ` (${((100 * this.bytes) / this.totalBytes).toFixed(1)}%)` : '';
    return (
      `${size}${pct}, ${this.lines.toLocaleString('en-US')} lines in ${seconds.toFixed(1)} s ` +
      `(${(mb / seconds).toFixed(1)} MB/s, ${Math.round(this.lines / seconds).toLocaleString('en-US')} lines/s)`
    );
  }
}
