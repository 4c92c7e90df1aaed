/** One violation of a release rule, phrased so the reader knows what to edit. */
export interface Problem {
  file: string;
  field: string;
  message: string;
  fix: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.field}: ${p.message}\n    fix: ${p.fix}`;
}

/** Thrown when a command cannot go on; the CLI prints it and exits 1. */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = []
  ) {
    super(problems.length ? `${message}\n${problems.map(formatProblem).join('\n')}` : message);
    this.name = 'ReleaseError';
  }
}
