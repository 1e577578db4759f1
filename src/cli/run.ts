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
  });
}
