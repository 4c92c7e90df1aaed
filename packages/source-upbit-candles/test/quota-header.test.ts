import {upbitQuotaHeader} from '../src/quota-header';

describe('upbitQuotaHeader', () => {
  it('reads the requests left this second and ignores the deprecated min', () => {
    expect(upbitQuotaHeader({'remaining-req': 'group=candles; min=600; sec=9'})).toEqual({
      remaining: 9,
    });
    expect(upbitQuotaHeader({'remaining-req': 'group=default; min=1800; sec=0'})).toEqual({
      remaining: 0,
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
