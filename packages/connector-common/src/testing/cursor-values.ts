/**
 * State blobs are opaque to the kit (each source shapes its own), so cursor values are found
 * by shape: ISO-8601 date/timestamp strings anywhere, plus any string or number stored under a
 * key named like the cursor. That covers `{"cursor": "..."}`, `{"cursor": {"KRW-BTC": "..."}}`
 * and CAT's `{"<cursor_field>": ...}` without knowing which one a source uses.
 */

/** `2024-01-01`, `2024-01-01T05:00:00Z`, `2024-01-01T14:00:00.123+09:00`, `2024-01-01 05:00:00`. */
export const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export const FUTURE_TIMESTAMP = '2999-12-31T00:00:00Z';
export const FUTURE_DATE = '2999-12-31';

export type CursorValue = string | number;

/** Cursor-like leaves of a state blob keyed by their dotted path. */
export function cursorLeaves(
  blob: unknown,
  cursorKeys: readonly string[]
): Map<string, CursorValue> {
  const keys = new Set(['cursor', ...cursorKeys]);
  const leaves = new Map<string, CursorValue>();
  const walk = (value: unknown, path: string[], underCursorKey: boolean): void => {
    if (typeof value === 'string') {
      if (ISO_TIMESTAMP.test(value) || underCursorKey) leaves.set(path.join('.'), value);
    } else if (typeof value === 'number') {
      if (underCursorKey) leaves.set(path.join('.'), value);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)], underCursorKey));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        walk(item, [...path, key], underCursorKey || keys.has(key));
      }
    }
  };
  walk(blob, [], false);
  return leaves;
}

/** Negative when `a` is earlier than `b`; undefined when the two cannot be compared. */
export function compareCursor(a: CursorValue, b: CursorValue): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  if (ISO_TIMESTAMP.test(a) && ISO_TIMESTAMP.test(b)) {
    const ta = parseIso(a);
    const tb = parseIso(b);
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseIso(text: string): number {
  // Date-only strings and zone-less timestamps are read as UTC so both sides compare alike.
  const normalized = text.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(normalized)) return Date.parse(`${normalized}T00:00:00Z`);
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(normalized) ? normalized : `${normalized}Z`);
}

/**
 * A copy of `value` (a blob, a state message or a `--state` array) with every ISO date or
 * timestamp string moved to the far future (2999-12-31), the shape CAT's future-state test uses.
 */
export function futureStateFrom<T>(value: T): T {
  const replace = (node: unknown): unknown => {
    if (typeof node === 'string' && ISO_TIMESTAMP.test(node)) {
      return /^\d{4}-\d{2}-\d{2}$/.test(node) ? FUTURE_DATE : FUTURE_TIMESTAMP;
    }
    if (Array.isArray(node)) return node.map(replace);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    }
    return node;
  };
  return replace(value) as T;
}
