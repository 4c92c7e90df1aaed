/** Query-parameter reading shared by the exchanges; each turns a failure into its own envelope. */

export type Parsed<T> =
  {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem: string};

/** A whole number from `min` to `max`; `fallback` when absent (undefined: required). */
export function intParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  fallback?: number
): Parsed<number> {
  const text = query.get(name);
  if (text === null || text === '') {
    if (fallback !== undefined) return {ok: true, value: fallback};
    return {ok: false, problem: `${name}: required, an integer from ${min} to ${max}`};
  }
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    return {ok: false, problem: `${name}: "${text}" must be an integer from ${min} to ${max}`};
  }
  return {ok: true, value: Number(text)};
}

/** Epoch milliseconds (a non-negative integer); null when absent. */
export function msParam(query: URLSearchParams, name: string): Parsed<number | null> {
  const text = query.get(name);
  if (text === null || text === '') return {ok: true, value: null};
  if (!/^\d{1,16}$/.test(text)) {
    return {ok: false, problem: `${name}: "${text}" must be epoch milliseconds`};
  }
  return {ok: true, value: Number(text)};
}

/** Rows in the order the client gets them: `newestFirst` native order, flipped by `order-reversed`. */
export function inOrder<T>(newestFirst: T[], nativeNewestFirst: boolean, reversed: boolean): T[] {
  return nativeNewestFirst !== reversed ? newestFirst : [...newestFirst].reverse();
}
