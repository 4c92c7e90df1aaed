import {headerValue, ietfRateLimitHeader, nonNegativeInt} from '../../src/requester/quota-headers';

describe('ietfRateLimitHeader (Korbit)', () => {
  it('reads remaining and limit of a one-second policy', () => {
    expect(
      ietfRateLimitHeader({
        ratelimit: 'limit=50, remaining=48, reset=1',
        'ratelimit-policy': '50;w=1',
      })
    ).toEqual({remaining: 48, limit: 50});
  });

  it('reads remaining alone when the limit is missing, whatever the case of the name', () => {
    expect(ietfRateLimitHeader({RateLimit: 'remaining=3, reset=1'})).toEqual({remaining: 3});
  });

  it('ignores a window other than one second instead of misreading it as per-second', () => {
    expect(
      ietfRateLimitHeader({
        ratelimit: 'limit=600, remaining=500, reset=30',
        'ratelimit-policy': '600;w=60',
      })
    ).toBeUndefined();
  });

  it('returns undefined for absent or garbled values', () => {
    expect(ietfRateLimitHeader({})).toBeUndefined();
    expect(ietfRateLimitHeader({ratelimit: 'limit=50, remaining=-1'})).toBeUndefined();
    expect(ietfRateLimitHeader({ratelimit: 'garbage'})).toBeUndefined();
  });
});

describe('header tools', () => {
  it('finds a header by lower-case name in a raw map', () => {
    expect(headerValue({'X-RateLimit-Remaining': '7'}, 'x-ratelimit-remaining')).toBe('7');
  });

  it('accepts only whole non-negative numbers', () => {
    expect(nonNegativeInt(' 12 ')).toBe(12);
    expect(nonNegativeInt('1.5')).toBeUndefined();
    expect(nonNegativeInt('-3')).toBeUndefined();
  });
});
