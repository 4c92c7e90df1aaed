import type {ConnectorNames} from '../exchange-name';

/** docs/sources/<id>-candles.md: the same sections as the Upbit and Bithumb pages, to fill in. */
export function docPage(names: ConnectorNames, today: string): string {
  const {id, displayName, connector, dockerRepository} = names;
  return `# ${displayName} hourly candles (\`${connector}\`)

> TODO (docs/adding-an-exchange.md#docs): every line marked TODO states a fact about ${displayName}'s
> API; write it from the exchange's documentation and the recorded responses, then delete the marker.

Reads hourly candles and the market list from ${displayName}'s public API (TODO: API root). No API
key is needed.

| | |
|---|---|
| Image | \`${dockerRepository}\` (tags: \`X.Y.Z\` prod, \`X.Y.Z-dev.<run>.g<sha>\` dev) |
| Streams | \`markets\` (full refresh), \`candles_hourly\` (incremental or full refresh) |
| Primary key | \`markets\`: \`market\`; \`candles_hourly\`: \`market\`, \`candle_start_utc\` |
| Cursor | \`candle_start_utc\`, per market |
| Endpoints | TODO: the market-list and hourly-candle endpoints with their parameters |
| Rate limit | TODO: documented requests per IP, quota headers read, what happens on excess |

## Prerequisites

- Outbound HTTPS to TODO (the API host) from the Airbyte workers (or an HTTP proxy set in \`api_base_url\`).
- No other client on the same IP using ${displayName}'s candle limit, or a lower \`requests_per_second\`.

## Configuration

The fields are the same for every source in this repository; see
[upbit-candles.md](upbit-candles.md#configuration). ${displayName}'s own values:

| Field | Default |
|---|---|
| \`requests_per_second\` | TODO (${displayName}'s documented limit) |
| \`page_size\` | TODO (the most ${displayName} returns per request) |
| \`api_base_url\` | TODO |

## How it reads

- TODO: how a window is asked: the bound parameters, their format (epoch or ISO with an offset) and
  whether they are inclusive, and how ${displayName} reads a time without offset.
- TODO: the order of rows, and what an hour without trades looks like (absent, or a zero row).
- TODO: where \`traded_value_quote\` comes from, and whether \`traded_value_is_estimated\` is ever true.
- TODO: what happens to a delisted market.

## Errors you may see

| Message | Cause | What to do |
|---|---|---|
| \`config field "..." ...\` | Invalid config | Fix the named field. |
| TODO | ${displayName}'s rate-limit answer | TODO |
| \`... does not match the documented response: field "..." ...\` | ${displayName} changed its response | Nothing from that page was emitted; open an issue with the message. |

## Changelog

See [\`packages/${connector}/CHANGELOG.md\`](../../packages/${connector}/CHANGELOG.md).

| Version | Date | Change |
|---|---|---|
| 0.1.0 | ${today} | First release (source id \`${id}\`). |
`;
}
