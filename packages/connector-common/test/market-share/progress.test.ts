import {Progress} from '../../src/market-share/progress';

function sink(isTTY: boolean) {
  const s = {isTTY, text: '', write: (t: string) => (s.text += t)};
  return s;
}

describe('Progress', () => {
  it('redraws on a terminal at most four times a second', () => {
    let now = 0;
    const out = sink(true);
    const p = new Progress(out, 4_000_000, () => now);
    p.addBytes(2_000_000);
    p.maybeDraw(); // nothing in the first 250 ms
    expect(out.text).toBe('');
    now = 300;
    for (let i = 0; i < 4096 * 3; i++) p.line(); // three checkpoints at the same instant
    now = 400;
    p.maybeDraw(); // only 100 ms after the last draw
    expect(out.text.match(/\r/g)).toHaveLength(1);
    expect(out.text).toContain('2.0 MB (50.0%), 4,096 lines');
    now = 600;
    p.maybeDraw();
    expect(out.text.match(/\r/g)).toHaveLength(2);
    p.finish('done'); // clears the progress line before the summary
    expect(
      out.text.endsWith(
        '\r\x1b[Kmarket-share: 2.0 MB (50.0%), 12,288 lines in 0.6 s (3.3 MB/s, 20,480 lines/s); done\n'
      )
    ).toBe(true);
  });

  it('is quiet when stderr is not a terminal, except the summary', () => {
    let now = 0;
    const out = sink(false);
    const p = new Progress(out, undefined, () => now);
    p.addBytes(3_000_000);
    for (let i = 0; i < 10_000; i++) p.line();
    now = 2000;
    p.maybeDraw();
    expect(out.text).toBe('');
    p.finish('done');
    expect(out.text).toBe(
      'market-share: 3.0 MB, 10,000 lines in 2.0 s (1.5 MB/s, 5,000 lines/s); done\n'
    );
  });

  it('counts rows, not bytes, for a warehouse input', () => {
    let now = 0;
    const out = {text: '', isTTY: false, write: (t: string) => (out.text += t)};
    const p = new Progress(out, undefined, () => now, true);
    for (let i = 0; i < 3000; i++) p.line();
    now = 2000;
    p.finish('done');
    expect(out.text).toBe('market-share: 3,000 rows in 2.0 s (1,500 rows/s); done\n');
  });
});
