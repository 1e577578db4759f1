// The harness's one error type: a one-line reason the user can act on, plus the output of the
// process that failed (printed under the reason), and the exit code the harness ends with.

export class BenchError extends Error {
  /**
   * @param {string} message one line: what failed
   * @param {{ detail?: string, exitCode?: number, showUsage?: boolean }} [options] detail: e.g. the
   *   failing process's stderr
   */
  constructor(message, { detail = '', exitCode = 1, showUsage = false } = {}) {
    super(message);
    this.name = 'BenchError';
    this.detail = detail;
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }
}

/** A usage mistake: exit code 2, like the packer's own bad-usage errors. */
export function usageError(message) {
  return new BenchError(message, { exitCode: 2, showUsage: true });
}
