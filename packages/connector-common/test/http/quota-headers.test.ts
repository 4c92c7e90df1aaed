import {
  bithumbQuotaHeader,
  parseUpbitRemainingReq,
  upbitQuotaHeader,
} from '../../src/http/quota-headers';

describe('upbitQuotaHeader', () => {
  it('reads the requests left this second and ignores the deprecated min', () => {
    expect(upbitQuotaHeader({'remaining-req': 'group=candles; min=600; sec=9'})).toEqual({
      remaining: 9,
    });
    expect(upbitQuotaHeader({'remaining-req': 'group=default; min=1800; sec=0'})).toEqual({
      remaining: 0,
    });
  });

  it('keeps the group name so an Origin-throttled response can be recognised', () => {
    expect(parseUpbitRemainingReq('group=origin; min=6; sec=0')).toEqual({group: 'origin', sec: 0});
    expect(parseUpbitRemainingReq('group=candles; min=600; sec=9')).toEqual({
      group: 'candles',
      sec: 9,
    });
  });

  it('finds the header whatever its case', () => {
    expect(upbitQuotaHeader({'Remaining-Req': 'group=candles; min=600; sec=3'})).toEqual({
      remaining: 3,
    });
  });

  it('returns undefined for absent or garbled headers instead of throwing', () => {
    expect(upbitQuotaHeader({})).toBeUndefined();
    expect(upbitQuotaHeader({'remaining-req': ''})).toBeUndefined();
    expect(upbitQuotaHeader({'remaining-req': 'group=candles; sec=9'})).toBeUndefined();
    expect(upbitQuotaHeader({'remaining-req': 'group=candles; min=600; sec=-1'})).toBeUndefined();
    expect(upbitQuotaHeader({'remaining-req': 'GROUP=candles; min=x; sec=y'})).toBeUndefined();
  });
});

describe('bithumbQuotaHeader', () => {
  const recorded = {
    'x-ratelimit-remaining': '149',
    'x-ratelimit-requested-tokens': '1',
    'x-ratelimit-burst-capacity': '150',
    'x-ratelimit-replenish-rate': '150',
  };

  it('reads the token bucket from a recorded response', () => {
    expect(bithumbQuotaHeader(recorded)).toEqual({remaining: 149, limit: 150});
  });

  it('reports the smaller of capacity and replenish rate as the per-second limit', () => {
    expect(bithumbQuotaHeader({...recorded, 'x-ratelimit-replenish-rate': '100'})).toEqual({
      remaining: 149,
      limit: 100,
    });
  });

  it('reads remaining alone when the bucket size is missing or garbled', () => {
    expect(bithumbQuotaHeader({'x-ratelimit-remaining': '7'})).toEqual({remaining: 7});
    expect(
      bithumbQuotaHeader({'x-ratelimit-remaining': '7', 'x-ratelimit-burst-capacity': 'lots'})
    ).toEqual({remaining: 7});
  });

  it('returns undefined for absent or garbled remaining', () => {
    expect(bithumbQuotaHeader({})).toBeUndefined();
    expect(bithumbQuotaHeader({'x-ratelimit-remaining': 'NaN'})).toBeUndefined();
    expect(bithumbQuotaHeader({'x-ratelimit-remaining': '-3'})).toBeUndefined();
    expect(bithumbQuotaHeader({'x-ratelimit-remaining': '1.5'})).toBeUndefined();
  });
});
