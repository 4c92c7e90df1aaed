import {HOUR_MS} from './time';

/**
 * The set of hours already counted for one market, one bit per hour (a year is ~1 KB), so
 * duplicates are recognised across the whole input without keeping the records themselves.
 */
export class HourSet {
  private firstHour = 0;
  private bits = new Uint8Array(0);

  has(hourMs: number): boolean {
    const i = hourMs / HOUR_MS - this.firstHour;
    if (i < 0 || i >= this.bits.length * 8) return false;
    return ((this.bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
  }

  add(hourMs: number): void {
    const hour = hourMs / HOUR_MS;
    this.ensure(hour);
    const i = hour - this.firstHour;
    this.bits[i >> 3] = (this.bits[i >> 3] ?? 0) | (1 << (i & 7));
  }

  private ensure(hour: number): void {
    if (this.bits.length === 0) {
      // Start byte-aligned so growing to either side only moves whole bytes.
      this.firstHour = hour - (((hour % 8) + 8) % 8);
      this.bits = new Uint8Array(64);
      return;
    }
    const capacity = this.bits.length * 8;
    if (hour < this.firstHour) {
      const extraBytes = Math.max(Math.ceil((this.firstHour - hour) / 8), this.bits.length);
      const grown = new Uint8Array(this.bits.length + extraBytes);
      grown.set(this.bits, extraBytes);
      this.bits = grown;
      this.firstHour -= extraBytes * 8;
    } else if (hour >= this.firstHour + capacity) {
      const needBytes = Math.ceil((hour - this.firstHour + 1) / 8);
      const grown = new Uint8Array(Math.max(needBytes, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
  }
}
