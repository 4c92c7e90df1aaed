import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  DOT,
  MINUS,
  NINE,
  ONE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  ZERO,
} from './char-codes';

/**
 * A reader of JSON text for decoders of one known shape (a page of candles): it walks the text
 * once and allocates only the values the decoder keeps, where parsing builds a tree of objects
 * and a wrapper per number first. Every read returns false (or -1) at anything it does not
 * expect: an escape in a key or a kept string, an exponent, invalid JSON. The decoder then gives
 * up and the page goes to the full parser (`parseJsonExact`), which accepts it or names what is
 * wrong, so a decoder built on this never accepts text that `JSON.parse` would reject.
 */
export class JsonScanner {
  private pos = 0;
  /** Where the last string's contents or number's text start and end (exclusive). */
  start = 0;
  end = 0;

  constructor(readonly text: string) {}

  /** Skips whitespace; if the next character is `char`, consumes it and returns true. */
  take(char: number): boolean {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== char) return false;
    this.pos++;
    return true;
  }

  /** Only whitespace is left. */
  atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.text.length;
  }

  /**
   * A string without escapes (its contents are then exactly `text.slice(start, end)`); false
   * for one with escapes, which a decoder leaves to the full parser.
   */
  plainString(): boolean {
    if (!this.take(QUOTE)) return false;
    const text = this.text;
    const start = this.pos;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      // A backslash, a raw control character, or the end of the text (NaN).
      if (!(c >= 0x20) || c === BACKSLASH) return false;
      i++;
    }
    this.start = start;
    this.end = i;
    this.pos = i + 1;
    return true;
  }

  /** The last string or number read is exactly `value`. */
  is(value: string): boolean {
    return this.end - this.start === value.length && this.text.startsWith(value, this.start);
  }

  /** The text of the last string or number read. */
  slice(): string {
    return this.text.slice(this.start, this.end);
  }

  /**
   * An object key (a plain string and its colon): its index in `keys`, or -1 for a key that is
   * not there (the caller skips its value), or -2 when the text is not a plain key and colon.
   */
  key(keys: KeyTable): number {
    if (!this.plainString()) return -2;
    const candidates = keys.byLength[this.end - this.start];
    let found = -1;
    if (candidates !== undefined) {
      for (const index of candidates) {
        if (this.text.startsWith(keys.names[index]!, this.start)) {
          found = index;
          break;
        }
      }
    }
    return this.take(COLON) ? found : -2;
  }

  /**
   * A number without an exponent (`-?(0|[1-9]\d*)(\.\d+)?`), its text at start..end; false for
   * anything else, including a valid number with an exponent.
   */
  plainNumber(): boolean {
    this.skipSpace();
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    const first = text.charCodeAt(i);
    if (first === ZERO) i++;
    else if (first >= ONE && first <= NINE) i = digitsFrom(text, i + 1);
    else return false;
    if (text.charCodeAt(i) === DOT) {
      const fraction = i + 1;
      i = digitsFrom(text, fraction);
      if (i === fraction) return false;
    }
    const next = text.charCodeAt(i);
    // An exponent, or digits after a leading zero (`01`, which JSON forbids).
    if (next === 0x65 || next === 0x45 || (next >= ZERO && next <= NINE)) return false;
    this.start = start;
    this.end = i;
    this.pos = i;
    return true;
  }

  /** Skips one value of any kind, checking it is valid JSON. */
  skipValue(depth = 0): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE) return this.skipString();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.skipNumber();
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    if (depth >= MAX_DEPTH) return false;
    if (c === OPEN_ARRAY) {
      this.pos++;
      if (this.take(CLOSE_ARRAY)) return true;
      do if (!this.skipValue(depth + 1)) return false;
      while (this.take(COMMA));
      return this.take(CLOSE_ARRAY);
    }
    if (c === OPEN_OBJECT) {
      this.pos++;
      if (this.take(CLOSE_OBJECT)) return true;
      do if (!this.skipString() || !this.take(COLON) || !this.skipValue(depth + 1)) return false;
      while (this.take(COMMA));
      return this.take(CLOSE_OBJECT);
    }
    return false;
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  /** A string with any valid escapes. */
  private skipString(): boolean {
    if (!this.take(QUOTE)) return false;
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (!(c >= 0x20)) return false;
      if (c === BACKSLASH) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
          continue;
        }
        if (!SIMPLE_ESCAPES.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return true;
  }

  /** A number, exponent allowed. */
  private skipNumber(): boolean {
    if (this.plainNumber()) return true;
    const match = NUMBER_WITH_EXPONENT.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) return false;
    this.pos += match[0].length;
    const next = this.text.charCodeAt(this.pos);
    return !(next >= ZERO && next <= NINE);
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }
}

/** The keys a decoder reads, grouped by length so a key is compared with few candidates. */
export interface KeyTable {
  readonly names: ReadonlyArray<string>;
  readonly byLength: ReadonlyArray<ReadonlyArray<number> | undefined>;
}

export function keyTable(names: ReadonlyArray<string>): KeyTable {
  const byLength: number[][] = [];
  names.forEach((name, index) => (byLength[name.length] ??= []).push(index));
  return {names, byLength};
}

function digitsFrom(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) i++;
    else return i;
  }
}

/** `\" \\ \/ \b \f \n \r \t` */
const SIMPLE_ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];
const NUMBER_WITH_EXPONENT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE][+-]?[0-9]+/;
/** Deeper values than a candle page holds are left to the full parser. */
const MAX_DEPTH = 16;
