import { main } from './main.js';

/** Entry point used by `bin/llm-packer.js`: wires the real process into `main`. */
export function run(argv: readonly string[]): Promise<number> {
  // The AWS SDK warns on stderr that a future release will need Node 22; our errors are one line.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return main(argv, {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdio: { stdin: process.stdin, stdout: process.stdout },
  });
}
