import {kstDate, parseZonelessTime, toKstIso, toUtcIso} from '../../src/time/hours';

/** What the remembered day texts must equal: the formatting they replace, per hour. */
const iso = (ms: number) => new Date(ms).toISOString();
const KST = 9 * 3_600_000;

describe('hour texts from remembered days', () => {
  it('equal Date formatting for every hour from 2019 to 2025, leap days included', () => {
    const from = Date.UTC(2019, 0, 1);
    const to = Date.UTC(2025, 0, 2);
    const wrong: string[] = [];
    for (let ms = from; ms < to; ms += 3_600_000) {
      const utc = iso(ms);
      const kst = iso(ms + KST);
      if (
        toUtcIso(ms) !== utc.slice(0, 19) + 'Z' ||
        toKstIso(ms) !== kst.slice(0, 19) + '+09:00' ||
        kstDate(ms) !== kst.slice(0, 10) ||
        parseZonelessTime(utc.slice(0, 19), 0) !== ms ||
        parseZonelessTime(kst.slice(0, 19), KST) !== ms
      ) {
        wrong.push(utc);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('still formats instants that do not start an hour, or lie before 1970', () => {
    expect(toUtcIso(Date.UTC(2024, 0, 1, 5, 30))).toBe('2024-01-01T05:30:00Z');
    expect(toUtcIso(Date.UTC(1969, 11, 31, 23))).toBe('1969-12-31T23:00:00Z');
    expect(kstDate(Date.UTC(1969, 11, 31, 15))).toBe('1970-01-01');
  });

  it('rejects times that do not exist, whether or not their day was seen before', () => {
    expect(parseZonelessTime('2024-02-29T00:00:00', 0)).toBe(Date.UTC(2024, 1, 29));
    expect(parseZonelessTime('2023-02-29T00:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-02-30T00:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-02-29T24:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-02-29T23:60:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-02-29T23:59:60', 0)).toBeUndefined();
    expect(parseZonelessTime('0050-01-01T00:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-02-29T23:59:59', 0)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  });
});
