import {computeMarketShareFromItems} from '../../src/market-share/pipeline';
import {dailyShareTable} from '../../src/market-share/tables';
import {toCsv} from '../../src/market-share/csv';
import {parseExchangeTable, warehouseCandleItems} from '../../src/market-share/warehouse';
import {Readable} from 'node:stream';
import {BigQuery} from '@google-cloud/bigquery';
import {
  BigQueryLike,
  BigQueryQueryOptions,
  openBigQuery,
} from '../../src/market-share/warehouse-bigquery';
import {writeReportToWarehouse} from '../../src/market-share/warehouse-write';
import {PERIOD} from './warehouse-fixture';

/**
 * BigQuery cannot be reached from here: these tests pin the SQL and parameters the reader and
 * writer send, through a fake client that answers with rows shaped as BigQuery returns them.
 * They do not prove BigQuery accepts the SQL.
 */
function fakeClient(rows: Record<string, unknown>[]) {
  const sent: BigQueryQueryOptions[] = [];
  const client: BigQueryLike = {
    query: async (o) => {
      sent.push(o);
      return [[]];
    },
    createQueryStream: (o) => {
      sent.push(o);
      return Readable.from(rows);
    },
  };
  return {client, sent};
}

const ROWS = [
  {
    exchange: 'upbit',
    market: 'KRW-BTC',
    base_currency: 'BTC',
    quote_currency: 'KRW',
    candle_start_utc: '2025-01-01T00:00:00Z',
    close: '1',
    volume_base: '1',
    traded_value_quote: '600.000000000000000001',
    traded_value_is_estimated: false,
  },
];

describe('market-share on BigQuery (fake client)', () => {
  it('sends the shared query: needed columns, latest _airbyte_extracted_at per key, decimals as STRING', async () => {
    const {client, sent} = fakeClient(ROWS);
    const conn = await openBigQuery({projectId: 'p', location: 'asia-northeast3'}, client);
    const run = await computeMarketShareFromItems(
      warehouseCandleItems(
        conn,
        [parseExchangeTable('upbit=proj-1.airbyte_upbit.candles_hourly')],
        PERIOD
      )
    );
    expect(sent).toEqual([
      {
        query:
          'SELECT `exchange`, `market`, `base_currency`, `quote_currency`, ' +
          "FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', `candle_start_utc`, 'UTC') AS `candle_start_utc`, " +
          'CAST(`close` AS STRING) AS `close`, CAST(`volume_base` AS STRING) AS `volume_base`, ' +
          'CAST(`traded_value_quote` AS STRING) AS `traded_value_quote`, `traded_value_is_estimated`\n' +
          'FROM (\n' +
          '  SELECT `exchange`, `market`, `base_currency`, `quote_currency`, `candle_start_utc`, `close`, ' +
          '`volume_base`, `traded_value_quote`, `traded_value_is_estimated`, `_airbyte_extracted_at`, `_airbyte_raw_id`,\n' +
          '    ROW_NUMBER() OVER (PARTITION BY `market`, `candle_start_utc` ORDER BY `_airbyte_extracted_at` DESC, `_airbyte_raw_id` DESC) AS `_ms_rank`\n' +
          '  FROM `proj-1`.`airbyte_upbit`.`candles_hourly`\n' +
          "  WHERE `candle_start_utc` >= PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', @p1, 'UTC') " +
          "AND `candle_start_utc` < PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', @p2, 'UTC')\n" +
          ') AS `latest`\n' +
          'WHERE `_ms_rank` = 1\n' +
          'ORDER BY `candle_start_utc`, `market`',
        params: {p1: '2024-12-31T15:00:00Z', p2: '2025-01-01T15:00:00Z'},
        types: {p1: 'STRING', p2: 'STRING'},
        location: 'asia-northeast3',
      },
    ]);
    expect(toCsv(dailyShareTable(run.report))).toContain(
      '2025-01-01,upbit,600.000000000000000001,1.000000,100.0000,600.000000000000000001,'
    );

    sent.length = 0;
    await writeReportToWarehouse(conn, 'market_share', run.report, PERIOD);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.query).toMatch(
      /^CREATE SCHEMA IF NOT EXISTS `market_share` OPTIONS\(location = 'asia-northeast3'\);\nCREATE TABLE IF NOT EXISTS `market_share`.`market_share_daily_share` \(`kst_date` DATE, `exchange` STRING, `value_krw` BIGNUMERIC, `share` BIGNUMERIC,/
    );
    const script = sent[1]?.query ?? '';
    expect(script.split('\n')[0]).toBe('BEGIN TRANSACTION;');
    expect(script.split('\n')[1]).toBe(
      'DELETE FROM `market_share`.`market_share_daily_share` WHERE `kst_date` >= CAST(@s0_p1 AS DATE) AND `kst_date` <= CAST(@s0_p2 AS DATE);'
    );
    // All rows of a table in one ARRAY<STRUCT> parameter: a short script whatever the row count.
    expect(script.split('\n')[2]).toMatch(
      /^INSERT INTO `market_share`.`market_share_daily_share` \(`kst_date`, `exchange`, `value_krw`, .*\) SELECT CAST\(r.c0 AS DATE\), CAST\(r.c1 AS STRING\), CAST\(r.c2 AS BIGNUMERIC\), .* FROM UNNEST\(@s1_rows\) AS r;$/
    );
    expect(script.split('\n')).toHaveLength(10);
    expect(script.trim().split('\n').at(-1)).toBe('COMMIT TRANSACTION;');
    const params = sent[1]?.params ?? {};
    const types = sent[1]?.types ?? {};
    expect(params).toMatchObject({s0_p1: '2025-01-01', s0_p2: '2025-01-01'});
    expect(params.s1_rows).toEqual([
      expect.objectContaining({c0: '2025-01-01', c1: 'upbit', c2: '600.000000000000000001'}),
    ]);
    // An empty cell is a NULL, typed so BigQuery accepts it.
    expect((params.s1_rows as Record<string, unknown>[])[0]?.c9).toBeNull();
    expect(types.s1_rows).toEqual([expect.objectContaining({c0: 'STRING', c9: 'STRING'})]);

    // The real client encodes that parameter as an ARRAY of STRUCTs of STRINGs, NULL included.
    const encoded = BigQuery.valueToQueryParameter_(params.s1_rows, types.s1_rows as string[]);
    expect(encoded.parameterType).toMatchObject({
      type: 'ARRAY',
      arrayType: {
        type: 'STRUCT',
        structTypes: expect.arrayContaining([{name: 'c9', type: {type: 'STRING'}}]),
      },
    });
    expect(encoded.parameterValue?.arrayValues?.[0]?.structValues).toMatchObject({
      c2: {value: '600.000000000000000001'},
      c9: {value: null},
    });
  });
});
