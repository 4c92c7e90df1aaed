import {ExchangeApiError, UnknownMarketError} from '../../src/errors/connector-error';
import {exchangeApiErrorFrom, failureTypeForApiError} from '../../src/requester/error-body';
import {
  type ErrorDeclaration,
  errorMeaning,
  findErrorEnvelope,
  parseErrorBodyText,
} from '../../src/definition/error-declaration';
import {parseJsonExact} from '../../src/json/json-number';

const ctx = {exchange: 'upbit', endpoint: '/v1/candles/minutes/60', market: 'KRW-XYZ'};

/** The three envelopes of the four exchanges, as their packages declare them. */
const upbitLike: ErrorDeclaration = {
  envelope: {when: {path: ['error']}, code: ['error', 'name'], message: ['error', 'message']},
  byStatus: {404: 'unknown_market', 418: 'blocked'},
  byCode: {server_error: 'transient'},
};
const coinoneLike: ErrorDeclaration = {
  envelope: {
    when: {path: ['result'], equals: 'error'},
    code: ['error_code'],
    message: ['error_msg'],
  },
  byCode: {'4': 'blocked', '109': 'unknown_market'},
};
const korbitLike: ErrorDeclaration = {
  envelope: {
    when: {path: ['success'], equals: false},
    code: ['error', 'message'],
    message: ['error', 'message'],
  },
  byCode: {TRY_AGAIN: 'transient'},
};
/** `{"code":0,...}` is success; any other code is an error (several exchanges do this). */
const zeroIsSuccess: ErrorDeclaration = {
  envelope: {when: {path: ['code'], notEquals: 0}, code: ['code'], message: ['msg']},
  byCode: {'10002': 'unknown_market'},
};

describe('declared error envelopes', () => {
  it('reads string and numeric codes where each exchange puts them', () => {
    expect(
      parseErrorBodyText(
        upbitLike.envelope,
        '{"error":{"name":"invalid_parameter","message":"bad to"}}'
      )
    ).toEqual({code: 'invalid_parameter', message: 'bad to'});
    expect(
      findErrorEnvelope(
        upbitLike.envelope,
        parseJsonExact('{"error":{"name":404,"message":"Code not found"}}')
      )
    ).toEqual({code: '404', message: 'Code not found'});
    expect(
      parseErrorBodyText(
        coinoneLike.envelope,
        '{"result":"error","error_code":"109","error_msg":"Unknown pair"}'
      )
    ).toEqual({code: '109', message: 'Unknown pair'});
    expect(
      parseErrorBodyText(korbitLike.envelope, '{"success":false,"error":{"message":"BAD_REQUEST"}}')
    ).toEqual({code: 'BAD_REQUEST', message: 'BAD_REQUEST'});
  });

  it('is not fooled by success bodies, plain text or candle arrays', () => {
    expect(parseErrorBodyText(upbitLike.envelope, 'Too many API requests.')).toBeUndefined();
    expect(parseErrorBodyText(upbitLike.envelope, '[{"market":"KRW-BTC"}]')).toBeUndefined();
    expect(parseErrorBodyText(upbitLike.envelope, '{"error":{"name":')).toBeUndefined();
    expect(findErrorEnvelope(upbitLike.envelope, {market: 'KRW-BTC', error: null})).toBeUndefined();
    expect(
      parseErrorBodyText(coinoneLike.envelope, '{"result":"success","error_code":"0","chart":[]}')
    ).toBeUndefined();
    expect(parseErrorBodyText(korbitLike.envelope, '{"success":true,"data":[]}')).toBeUndefined();
    expect(findErrorEnvelope(undefined, {error: {name: 'x'}})).toBeUndefined();
  });

  it('reads an envelope whose code is an error unless it equals the success value', () => {
    const envelope = zeroIsSuccess.envelope;
    expect(parseErrorBodyText(envelope, '{"code":10002,"msg":"symbol not found"}')).toEqual({
      code: '10002',
      message: 'symbol not found',
    });
    expect(findErrorEnvelope(envelope, parseJsonExact('{"code":7,"msg":"busy"}'))).toEqual({
      code: '7',
      message: 'busy',
    });
    // A string code counts too: only the success value (as text) is not an error.
    expect(parseErrorBodyText(envelope, '{"code":"E1","msg":"bad"}')).toEqual({
      code: 'E1',
      message: 'bad',
    });
    expect(findErrorEnvelope(envelope, parseJsonExact('{"code":0,"msg":"ok","data":[]}'))).toBe(
      undefined
    );
    expect(parseErrorBodyText(envelope, '{"code":"0","msg":"ok","data":[]}')).toBeUndefined();
    // Without the field the body is not an error envelope at all.
    expect(parseErrorBodyText(envelope, '{"data":[]}')).toBeUndefined();
    expect(findErrorEnvelope(envelope, [{code: 1}])).toBeUndefined();
    expect(errorMeaning(zeroIsSuccess, 200, {code: '10002', message: 'symbol not found'})).toBe(
      'unknown_market'
    );
  });

  it('reads an error written in an alternative spelling, the declared one first', () => {
    const envelope = {
      ...coinoneLike.envelope!,
      alternatives: [{code: ['errorCode'], message: ['errorMsg']}],
    };
    expect(
      parseErrorBodyText(
        envelope,
        '{"result":"error","errorCode":"4","errorMsg":"Blocked user access."}'
      )
    ).toEqual({code: '4', message: 'Blocked user access.'});
    expect(
      parseErrorBodyText(
        envelope,
        '{"result":"error","error_code":"109","error_msg":"Unknown pair","errorCode":"4"}'
      )
    ).toEqual({code: '109', message: 'Unknown pair'});
    // Without the alternative the legacy spelling is an error of unknown code.
    expect(
      parseErrorBodyText(coinoneLike.envelope, '{"result":"error","errorCode":"4","errorMsg":"x"}')
    ).toEqual({code: 'unknown', message: ''});
  });

  it('gives the status meaning precedence over the code meaning', () => {
    expect(errorMeaning(upbitLike, 404, {code: '404', message: 'Code not found'})).toBe(
      'unknown_market'
    );
    expect(errorMeaning(upbitLike, 200, {code: 'server_error', message: 'retry'})).toBe(
      'transient'
    );
    expect(errorMeaning(coinoneLike, 200, {code: '4', message: 'Blocked user access.'})).toBe(
      'blocked'
    );
    expect(errorMeaning(coinoneLike, 200, {code: '107', message: 'Parameter value is wrong'})).toBe(
      undefined
    );
  });
});

describe('exchangeApiErrorFrom', () => {
  it('names exchange, endpoint, market, status, code and message; a declared unknown market is its own class', () => {
    const err = exchangeApiErrorFrom(
      ctx,
      404,
      {code: '404', message: 'Code not found'},
      '{"error":{"name":404,"message":"Code not found"}}',
      'unknown_market'
    );
    expect(err).toBeInstanceOf(UnknownMarketError);
    expect(err.message).toContain('upbit /v1/candles/minutes/60 (market KRW-XYZ) failed');
    expect(err.message).toContain('HTTP 404 error "404": Code not found');
    expect(err.message).toContain('Check that market "KRW-XYZ" is listed on upbit');
    expect(err.status).toBe(404);
    expect(err.errorName).toBe('404');
    expect(err.failureType).toBe('config_error');
  });

  it('treats a request the connector built wrong as a bug, not a config problem', () => {
    const body = {code: '107', message: 'Parameter value is wrong'};
    const err = exchangeApiErrorFrom(ctx, 200, body, '');
    expect(err).toBeInstanceOf(ExchangeApiError);
    expect(err).not.toBeInstanceOf(UnknownMarketError);
    expect(err.failureType).toBe('system_error');
    expect(err.message).toContain('Parameter value is wrong');
  });

  it('reads undeclared access and not-found statuses as config errors, anything else as a bug', () => {
    expect(failureTypeForApiError(403, undefined)).toBe('config_error');
    expect(failureTypeForApiError(404, undefined)).toBe('config_error');
    expect(failureTypeForApiError(405, undefined)).toBe('system_error');
    expect(failureTypeForApiError(404, 'rejected')).toBe('system_error');
  });

  it('quotes only a short excerpt of a non-JSON body', () => {
    const html = `<html>${'x'.repeat(5000)}</html>`;
    const err = exchangeApiErrorFrom(ctx, 405, undefined, html);
    expect(err.message).toContain('HTTP 405, body: "<html>xxx');
    expect(err.message.length).toBeLessThan(400);
  });
});
