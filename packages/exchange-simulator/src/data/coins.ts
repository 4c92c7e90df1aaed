/**
 * The coins synthetic markets are drawn from, in listing order. Reference prices (KRW) and
 * hourly traded value (KRW, Upbit-sized) only set the scale; each exchange and seed perturbs
 * them. Beyond this table the simulator invents `SIMnn` coins.
 */
export interface CoinProfile {
  readonly symbol: string;
  readonly koreanName: string;
  readonly englishName: string;
  readonly krwPrice: number;
  readonly hourlyKrwValue: number;
}

export const COINS: ReadonlyArray<CoinProfile> = [
  {
    symbol: 'BTC',
    koreanName: '비트코인',
    englishName: 'Bitcoin',
    krwPrice: 1.2e8,
    hourlyKrwValue: 2.5e10,
  },
  {
    symbol: 'ETH',
    koreanName: '이더리움',
    englishName: 'Ethereum',
    krwPrice: 4.5e6,
    hourlyKrwValue: 1.2e10,
  },
  // Tether: its KRW market prices the USDT-quoted markets in KRW (market-share conversion).
  {symbol: 'USDT', koreanName: '테더', englishName: 'Tether', krwPrice: 1400, hourlyKrwValue: 6e9},
  {symbol: 'XRP', koreanName: '리플', englishName: 'XRP', krwPrice: 850, hourlyKrwValue: 1.5e10},
  {
    symbol: 'SOL',
    koreanName: '솔라나',
    englishName: 'Solana',
    krwPrice: 2.1e5,
    hourlyKrwValue: 4e9,
  },
  {
    symbol: 'DOGE',
    koreanName: '도지코인',
    englishName: 'Dogecoin',
    krwPrice: 210,
    hourlyKrwValue: 3e9,
  },
  {
    symbol: 'ADA',
    koreanName: '에이다',
    englishName: 'Cardano',
    krwPrice: 640,
    hourlyKrwValue: 1.2e9,
  },
  {symbol: 'TRX', koreanName: '트론', englishName: 'TRON', krwPrice: 180, hourlyKrwValue: 6e8},
  {
    symbol: 'LINK',
    koreanName: '체인링크',
    englishName: 'Chainlink',
    krwPrice: 21000,
    hourlyKrwValue: 5e8,
  },
  {
    symbol: 'AVAX',
    koreanName: '아발란체',
    englishName: 'Avalanche',
    krwPrice: 38000,
    hourlyKrwValue: 4e8,
  },
  {
    symbol: 'DOT',
    koreanName: '폴카닷',
    englishName: 'Polkadot',
    krwPrice: 9500,
    hourlyKrwValue: 3e8,
  },
  {
    symbol: 'ETC',
    koreanName: '이더리움클래식',
    englishName: 'Ethereum Classic',
    krwPrice: 32000,
    hourlyKrwValue: 2.5e8,
  },
  {
    symbol: 'XLM',
    koreanName: '스텔라루멘',
    englishName: 'Stellar Lumens',
    krwPrice: 150,
    hourlyKrwValue: 2e8,
  },
  {
    symbol: 'SAND',
    koreanName: '샌드박스',
    englishName: 'The Sandbox',
    krwPrice: 520,
    hourlyKrwValue: 1.2e8,
  },
  {symbol: 'ZIL', koreanName: '질리카', englishName: 'Zilliqa', krwPrice: 25, hourlyKrwValue: 8e7},
  {symbol: 'AERGO', koreanName: '아르고', englishName: 'Aergo', krwPrice: 140, hourlyKrwValue: 5e7},
  {symbol: 'SIGN', koreanName: '사인', englishName: 'Sign', krwPrice: 95, hourlyKrwValue: 3e7},
  {
    symbol: 'ACS',
    koreanName: '액세스프로토콜',
    englishName: 'Access Protocol',
    krwPrice: 3.2,
    hourlyKrwValue: 2e7,
  },
  {
    symbol: 'SHIB',
    koreanName: '시바이누',
    englishName: 'Shiba Inu',
    krwPrice: 0.031,
    hourlyKrwValue: 1.5e8,
  },
];

export function coinAt(index: number): CoinProfile {
  const known = COINS[index];
  if (known) return known;
  const n = index - COINS.length + 1;
  const label = String(n).padStart(2, '0');
  return {
    symbol: `SIM${label}`,
    koreanName: `시뮬코인${label}`,
    englishName: `Simulated Coin ${label}`,
    krwPrice: 10 ** ((n % 7) - 1) * 3.7,
    hourlyKrwValue: 2e7,
  };
}
