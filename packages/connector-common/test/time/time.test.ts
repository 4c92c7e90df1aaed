import {
  floorToHour,
  formatTimeParam,
  isHourAligned,
  kstDate,
  kstDayStartUtcMs,
  KST_OFFSET_MS,
  parseUserInstant,
  parseZonelessTime,
  toKstIso,
  toUtcIso,
} from '../../src/time/hours';

const at = (iso: string) => Date.parse(iso);

describe('hour arithmetic', () => {
  it('floors any instant inside an hour to that hour, and leaves an hour start alone', () => {
    expect(toUtcIso(floorToHour(at('2024-01-01T05:59:59.999Z')))).toBe('2024-01-01T05:00:00Z');
    expect(toUtcIso(floorToHour(at('2024-01-01T05:00:00.001Z')))).toBe('2024-01-01T05:00:00Z');
    expect(floorToHour(at('2024-01-01T05:00:00Z'))).toBe(at('2024-01-01T05:00:00Z'));
    expect(isHourAligned(at('2024-01-01T05:00:00Z'))).toBe(true);
    expect(isHourAligned(at('2024-01-01T05:00:01Z'))).toBe(false);
  });

  it('formats the same instant as UTC and as KST wall clock with its offset', () => {
    const ms = at('2024-01-01T05:00:00Z');
    expect(toUtcIso(ms)).toBe('2024-01-01T05:00:00Z');
    expect(toKstIso(ms)).toBe('2024-01-01T14:00:00+09:00');
    // Crossing midnight in KST only: 20:00 UTC on Dec 31 is already New Year in Seoul.
    expect(toKstIso(at('2023-12-31T20:00:00Z'))).toBe('2024-01-01T05:00:00+09:00');
    expect(Date.parse(toKstIso(ms))).toBe(ms);
  });
});

describe('KST days', () => {
  it('puts 14:00Z and 15:00Z of the same UTC day into consecutive KST days', () => {
    expect(kstDate(at('2024-01-01T14:00:00Z'))).toBe('2024-01-01');
    expect(kstDate(at('2024-01-01T14:59:59Z'))).toBe('2024-01-01');
    expect(kstDate(at('2024-01-01T15:00:00Z'))).toBe('2024-01-02');
  });

  it('starts a KST day at 15:00 UTC of the previous UTC day', () => {
    expect(toUtcIso(kstDayStartUtcMs('2024-01-02'))).toBe('2024-01-01T15:00:00Z');
    expect(toUtcIso(kstDayStartUtcMs('2024-03-01'))).toBe('2024-02-29T15:00:00Z');
    expect(kstDate(kstDayStartUtcMs('2024-01-02'))).toBe('2024-01-02');
    expect(kstDate(kstDayStartUtcMs('2024-01-02') - 1)).toBe('2024-01-01');
  });

  it('refuses text that is not a date', () => {
    expect(() => kstDayStartUtcMs('yesterday')).toThrow('not a date: yesterday');
  });
});

describe('formatTimeParam', () => {
  it('names the same instant whichever zone the exchange reads a bare time in', () => {
    const ms = at('2024-01-10T01:00:00Z');
    const utc = formatTimeParam(ms, 'UTC');
    const kst = formatTimeParam(ms, 'KST');
    expect(utc).toBe('2024-01-10T01:00:00Z');
    expect(kst).toBe('2024-01-10T10:00:00+09:00');
    expect(Date.parse(utc)).toBe(ms);
    expect(Date.parse(kst)).toBe(ms);
  });
});

describe('parseZonelessTime', () => {
  it('reads an exchange wall clock in the given offset', () => {
    expect(parseZonelessTime('2020-02-20T11:00:00', 0)).toBe(at('2020-02-20T11:00:00Z'));
    expect(parseZonelessTime('2020-02-20T20:00:00', KST_OFFSET_MS)).toBe(
      at('2020-02-20T11:00:00Z')
    );
    expect(parseZonelessTime('2024-02-29T00:00:00', 0)).toBe(at('2024-02-29T00:00:00Z'));
  });

  it('rejects impossible dates instead of rolling them into the next month', () => {
    expect(parseZonelessTime('2024-02-30T00:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2023-02-29T00:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-01-01T24:00:00', 0)).toBeUndefined();
    expect(parseZonelessTime('2024-13-01T00:00:00', 0)).toBeUndefined();
  });

  it('accepts only the exact zoneless form', () => {
    for (const text of [
      '2024-01-01T05:00:00Z',
      '2024-01-01T05:00:00+09:00',
      '2024-01-01T05:00',
      '2024-01-01 05:00:00',
      '2024-01-01T05:00:00.000',
      '2024-01-01',
      '',
    ]) {
      expect(parseZonelessTime(text, 0)).toBeUndefined();
    }
  });
});

describe('parseUserInstant', () => {
  it('reads a bare date as midnight UTC', () => {
    expect(parseUserInstant('2024-01-01')).toBe(at('2024-01-01T00:00:00Z'));
  });

  it('reads date-times with Z, with an offset, and without a zone as UTC', () => {
    expect(parseUserInstant('2024-01-01T05:00:00Z')).toBe(at('2024-01-01T05:00:00Z'));
    expect(parseUserInstant('2024-01-01T14:00:00+09:00')).toBe(at('2024-01-01T05:00:00Z'));
    expect(parseUserInstant('2024-01-01T00:00:00-05:00')).toBe(at('2024-01-01T05:00:00Z'));
    expect(parseUserInstant('2024-01-01T05:00:00')).toBe(at('2024-01-01T05:00:00Z'));
    expect(parseUserInstant('2024-01-01T05:00')).toBe(at('2024-01-01T05:00:00Z'));
    expect(parseUserInstant('2024-01-01T05:00:00.250Z')).toBe(at('2024-01-01T05:00:00.250Z'));
  });

  it('rejects garbage and other date notations', () => {
    for (const text of [
      'garbage',
      '',
      '2024/01/01',
      '01-01-2024',
      '2024-1-1',
      '1704067200000',
      '2024-01-01T05',
      '2024-01-01T05:00:00 UTC',
      ' 2024-01-01',
    ]) {
      expect(parseUserInstant(text)).toBeUndefined();
    }
  });

  it('rejects impossible calendar dates and times instead of shifting them', () => {
    for (const text of [
      '2024-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-02-30T00:00:00+09:00',
    ]) {
      expect(parseUserInstant(text)).toBeUndefined();
    }
    expect(parseUserInstant('2024-02-29')).toBe(at('2024-02-29T00:00:00Z'));
  });
});
