import pRetry from 'p-retry';

describe('toolchain', () => {
  it('loads the ESM-only p-retry under jest', async () => {
    let calls = 0;
    const result = await pRetry(
      async () => {
        calls++;
        if (calls < 2) throw new Error('transient');
        return 'ok';
      },
      {retries: 2, minTimeout: 1}
    );
    expect(result).toBe('ok');
    expect(calls).toBe(2);
  });
});
