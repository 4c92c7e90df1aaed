/** What the probe found about one assumption a connector relies on. */
export type ProbeStatus = 'pass' | 'fail' | 'could not tell' | 'not applicable';

export interface ProbeFinding {
  /** Short id, e.g. `order`. */
  readonly check: string;
  /** The assumption, as the connector's declaration states it. */
  readonly expected: string;
  readonly status: ProbeStatus;
  /** What the exchange answered, in a sentence. */
  readonly saw: string;
}

/** A fixed-width table for a terminal: one row per check. */
export function formatFindings(findings: ReadonlyArray<ProbeFinding>): string {
  const header = {check: 'check', status: 'result', expected: 'expected', saw: 'saw'};
  const rows = [header, ...findings.map((f) => ({...f, status: f.status as string}))];
  const width = (key: 'check' | 'status' | 'expected') =>
    Math.max(...rows.map((r) => r[key].length));
  const [wc, ws, we] = [width('check'), width('status'), width('expected')];
  return (
    rows
      .map((r) =>
        [r.check.padEnd(wc), r.status.padEnd(ws), r.expected.padEnd(we), r.saw].join('  ')
      )
      .join('\n') + '\n'
  );
}
