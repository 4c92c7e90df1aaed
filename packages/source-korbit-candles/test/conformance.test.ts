import {describeServedConformance} from '@korea-candles/connector-common/testing';
import {startSimulator} from '@korea-candles/exchange-simulator';
import {join} from 'node:path';

const DAY_MS = 86_400_000;

// The real connector process (bin/main, built lib) against the simulator's Korbit over HTTP.
describeServedConformance({
  name: 'source-korbit-candles',
  bin: join(__dirname, '../bin/main'),
  serve: async () => {
    const sim = await startSimulator({port: 0});
    return {baseUrl: sim.korbitUrl, close: () => sim.close()};
  },
  config: {
    start_date: new Date(Date.now() - 6 * DAY_MS).toISOString().slice(0, 10),
    markets: ['btc_krw', 'eth_krw'],
    page_size: 48,
  },
});
