import {upbitMarketRow, upbitWarning} from '../src/market-schema';

const CAUTION_OFF = {
  PRICE_FLUCTUATIONS: false,
  TRADING_VOLUME_SOARING: false,
  DEPOSIT_AMOUNT_SOARING: false,
  GLOBAL_PRICE_DIFFERENCES: false,
  CONCENTRATION_OF_SMALL_ACCOUNTS: false,
};

function row(extra: object) {
  return upbitMarketRow.parse({
    market: 'BTC-SIGN',
    korean_name: '사인',
    english_name: 'Sign',
    ...extra,
  });
}

describe('upbitWarning keeps Upbit warning and caution apart', () => {
  it('a caution flag without the warning is not a warning', () => {
    const event = {warning: false, caution: {...CAUTION_OFF, GLOBAL_PRICE_DIFFERENCES: true}};
    expect(upbitWarning(row({market_event: event}))).toEqual({
      warning: false,
      cautions: ['GLOBAL_PRICE_DIFFERENCES'],
      details: event,
    });
  });

  it('the warning without caution flags is a warning with no cautions', () => {
    expect(upbitWarning(row({market_event: {warning: true, caution: CAUTION_OFF}}))).toMatchObject({
      warning: true,
      cautions: [],
    });
  });

  it('lists every flag that is on, in the order Upbit sends them', () => {
    const caution = {
      ...CAUTION_OFF,
      PRICE_FLUCTUATIONS: true,
      CONCENTRATION_OF_SMALL_ACCOUNTS: true,
    };
    expect(upbitWarning(row({market_event: {warning: true, caution}})).cautions).toEqual([
      'PRICE_FLUCTUATIONS',
      'CONCENTRATION_OF_SMALL_ACCOUNTS',
    ]);
  });

  it('reads the legacy market_warning CAUTION as the warning, with no caution flags known', () => {
    expect(upbitWarning(row({market_warning: 'CAUTION'}))).toEqual({
      warning: true,
      cautions: null,
      details: {market_warning: 'CAUTION'},
    });
    expect(upbitWarning(row({market_warning: 'NONE'}))).toMatchObject({
      warning: false,
      cautions: null,
    });
  });

  it('a row without details has no warning and unknown cautions', () => {
    expect(upbitWarning(row({}))).toEqual({warning: false, cautions: null, details: null});
  });
});
