import { main } from './main.js';
import type { OutStream } from './io.js';

/**
 * A process stream that a closed reader cannot crash: once the other end is gone (EPIPE, as in
 * `llm-packer verify P | head -1`), further output is dropped quietly and the command ends with
 * the exit code it would have had.
 */
function guard(stream: NodeJS.WriteStream): OutStream {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return {
    write: (chunk) => (closed ? true : stream.write(chunk)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * SIGINT and SIGTERM end the process promptly, as their default action does, but first abort the
 * returned signal: a command removes what it staged (synchronously, in the abort listeners).
 * Then the handlers step aside and the signal is raised again, so the process ends by it (a
 * shell sees 130 or 143), never half-way through another await.
 */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
    try {
      controller.abort(new Error(`stopped by ${sig}`));
    } finally {
      process.kill(process.pid, sig);
    }
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return controller.signal;
}

/** Entry point used by `bin/llm-packer.js`: wires the real process into `main`. */
export function run(argv: readonly string[]): Promise<number> {
  // The AWS SDK warns on stderr that a future release will need Node 22; our errors are one line.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return main(argv, {
    cwd: process.cwd(),
    stdout: guard(process.stdout),
    stderr: guard(process.stderr),
    env: process.env,
    stdio: { stdin: process.stdin, stdout: process.stdout },
    signal: stopOnSignals(),
  });
}
