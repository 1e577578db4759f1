import type { Readable, Writable } from 'node:stream';

/** What the CLI touches of the outside world; tests pass their own. */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  /** Relative paths on the command line are resolved against this, never `process.cwd()`. */
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
  /** The environment (the AWS variables of `--remote`); tests pass their own. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The process's standard streams, for commands that speak a protocol over them (`mcp`). */
  stdio?: { stdin: NodeJS.ReadableStream & Readable; stdout: Writable };
  /** Aborted when the process is told to stop (SIGINT, SIGTERM): commands drop what they staged. */
  signal?: AbortSignal;
}

export interface CliContext {
  io: CliIo;
  /** Set by a handler; `main` returns it. */
  exitCode: number;
}
