/** What the CLI touches of the outside world; tests pass their own. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  /** Relative paths on the command line are resolved against this, never `process.cwd()`. */
  cwd: string;
  /** Read by `cas put -`; absent: standard input is empty. */
  stdin?: AsyncIterable<Uint8Array | string>;
  stdout: OutStream;
  stderr: OutStream;
}

export interface CliContext {
  io: CliIo;
  /** Set by a handler; `main` returns it. */
  exitCode: number;
}
