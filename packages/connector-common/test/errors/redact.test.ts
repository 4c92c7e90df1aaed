import {registerSecret, redactSecrets, registerUrlPassword} from '../../src/errors/redact';
import {connectionStatusMessage, errorTraceMessage, logMessage} from '../../src/protocol/messages';
import {ConfigError} from '../../src/errors/connector-error';
import {AirbyteLogLevel} from 'faros-airbyte-cdk';

describe('redactSecrets', () => {
  it('masks the user info of every URL in a text', () => {
    expect(
      redactSecrets(
        'GET http://proxy-user:s3cr%40t@proxy.example:3128/upbit/v1/market/all failed; ' +
          'retry https://u:p@other.example/x'
      )
    ).toBe(
      'GET http://***@proxy.example:3128/upbit/v1/market/all failed; retry https://***@other.example/x'
    );
  });

  it('masks the whole user info when the password holds an unencoded @', () => {
    expect(redactSecrets('at http://me:p@ss@proxy.example/x')).toBe(
      'at http://***@proxy.example/x'
    );
  });

  it('leaves URLs without credentials, and e-mail addresses, alone', () => {
    const text = 'reachable at https://api.upbit.com/v1; write to ops@example.com';
    expect(redactSecrets(text)).toBe(text);
  });

  it('masks a registered URL password wherever it appears, as written and decoded', () => {
    registerUrlPassword('http://bob:pa%24%24word-9@proxy.example/');
    expect(redactSecrets('auth failed for bob with pa$$word-9 (pa%24%24word-9)')).toBe(
      'auth failed for bob with *** (***)'
    );
  });

  it('is applied to every LOG, CONNECTION_STATUS and TRACE error message', () => {
    registerSecret('hunter22');
    const url = 'http://alice:hunter22@proxy.example/upbit';
    const messages = [
      logMessage(AirbyteLogLevel.WARN, `retrying ${url}`),
      connectionStatusMessage(false, `cannot reach ${url}`),
      errorTraceMessage(new ConfigError(`bad ${url}`)),
      errorTraceMessage(new Error(`unexpected at ${url}`)),
    ];
    const text = JSON.stringify(messages);
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('alice');
    expect(text).toContain('http://***@proxy.example/upbit');
  });
});

describe('registerSecret', () => {
  it('does not mask a value too short to be told from ordinary text (record counts)', () => {
    registerUrlPassword('http://u:1234@proxy.example/');
    expect(redactSecrets('Stream candles_hourly: 1234 record(s).')).toBe(
      'Stream candles_hourly: 1234 record(s).'
    );
  });
});
