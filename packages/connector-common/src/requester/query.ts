type QueryValue = string | number | boolean;

/**
 * Strict RFC 3986 query encoding. `to` values such as `2024-01-01T00:00:00+09:00` must keep
 * their `+` as %2B: a raw `+` is read as a space by servers and the offset would be lost.
 */
export function encodeQuery(params: Readonly<Record<string, QueryValue | undefined>>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, QueryValue] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
