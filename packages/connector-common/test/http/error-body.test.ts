import {ExchangeApiError} from '../../src/errors/connector-error';
import {
  exchangeApiErrorFrom,
  failureTypeForApiError,
  findErrorEnvelope,
  parseErrorBodyText,
} from '../../src/http/error-body';
import {parseJsonExact} from '../../src/json/json-number';

const ctx = {exchange: 'upbit', endpoint: '/v1/candles/minutes/60', market: 'KRW-XYZ'};

describe('error envelope', () => {
  it('reads string and numeric error names', () => {
    expect(parseErrorBodyText('{"error":{"name":"invalid_parameter","message":"bad to"}}')).toEqual(
      {name: 'invalid_parameter', message: 'bad to'}
    );
    expect(
      findErrorEnvelope(parseJsonExact('{"error":{"name":404,"message":"Code not found"}}'))
    ).toEqual({name: '404', message: 'Code not found'});
  });

  it('is not fooled by plain text, candle arrays or unrelated objects', () => {
    expect(parseErrorBodyText('Too many API requests.')).toBeUndefined();
    expect(parseErrorBodyText('[{"market":"KRW-BTC"}]')).toBeUndefined();
    expect(parseErrorBodyText('{"error":"x"}')).toBeUndefined();
    expect(parseErrorBodyText('{"error":{"name":')).toBeUndefined();
    expect(findErrorEnvelope({market: 'KRW-BTC', error: null})).toBeUndefined();
  });
});

describe('exchangeApiErrorFrom', () => {
  it('names exchange, endpoint, market, status, error name and message', () => {
    const err = exchangeApiErrorFrom(
      ctx,
      404,
      {name: '404', message: 'Code not found'},
      '{"error":{"name":404,"message":"Code not found"}}'
    );
    expect(err).toBeInstanceOf(ExchangeApiError);
    expect(err.message).toContain('upbit /v1/candles/minutes/60 (market KRW-XYZ) failed');
    expect(err.message).toContain('HTTP 404 error "404": Code not found');
    expect(err.message).toContain('Check that market "KRW-XYZ" is listed on upbit');
    expect(err.status).toBe(404);
    expect(err.errorName).toBe('404');
    expect(err.failureType).toBe('config_error');
  });

  it('treats a request the connector built wrong as a bug, not a config problem', () => {
    const body = {
      name: '400',
      message: 'Missing request parameter error. Check the required parameters!',
    };
    const err = exchangeApiErrorFrom(ctx, 400, body, '');
    expect(err.failureType).toBe('system_error');
    expect(err.message).toContain('Missing request parameter error');
  });

  it('classifies errors about the market as config errors whatever the status', () => {
    expect(
      failureTypeForApiError(200, {
        name: 'invalid_parameter',
        message: 'currency does not have a valid value',
      })
    ).toBe('config_error');
    expect(failureTypeForApiError(403, undefined)).toBe('config_error');
    expect(failureTypeForApiError(405, undefined)).toBe('system_error');
  });

  it('quotes only a short excerpt of a non-JSON body', () => {
    const html = `<html>${'x'.repeat(5000)}</html>`;
    const err = exchangeApiErrorFrom(ctx, 405, undefined, html);
    expect(err.message).toContain('HTTP 405, body: "<html>xxx');
    expect(err.message.length).toBeLessThan(400);
  });
});
