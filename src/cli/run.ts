import { main } from './main.js';

/** Entry point used by `bin/llm-packer.js`: wires the real process into `main`. */
export function run(argv: readonly string[]): Promise<number> {
  return main(argv, {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdio: { stdin: process.stdin, stdout: process.stdout },
  });
}
