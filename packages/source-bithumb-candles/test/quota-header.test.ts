import {bithumbQuotaHeader} from '../src/quota-header';

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
