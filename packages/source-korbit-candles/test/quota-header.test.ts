import {korbit} from '../src/korbit';

describe('Korbit quota headers', () => {
  const parse = korbit.quotaHeader!;

  it('reads the documented RateLimit and RateLimit-Policy headers', () => {
    expect(
      parse({ratelimit: 'limit=50, remaining=48, reset=1', 'ratelimit-policy': '50;w=1'})
    ).toEqual({remaining: 48, limit: 50});
  });

  it('reads the header whatever its case, and without a policy', () => {
    expect(parse({RateLimit: 'limit=50, remaining=0, reset=1'})).toEqual({remaining: 0, limit: 50});
  });

  it('ignores a window other than one second rather than misreading it', () => {
    expect(
      parse({ratelimit: 'limit=3000, remaining=2990, reset=60', 'ratelimit-policy': '3000;w=60'})
    ).toBeUndefined();
  });

  it('returns nothing when the headers are absent or garbled', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ratelimit: 'remaining=lots'})).toBeUndefined();
  });
});
