import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

/** The built launcher, as a user runs it (`npm test` builds first). */
export const BIN = fileURLToPath(new URL('../../bin/llm-packer.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Run the CLI in-process with captured output (fast; for unit-level CLI tests). */
export async function runInProcess(argv: string[], cwd: string): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) => ({ write: (c: string | Uint8Array) => into.push(Buffer.from(c)), isTTY: false });
  const code = await main(argv, { cwd, stdout: sink(out), stderr: sink(err) });
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
}

/**
 * Run the built CLI in a child process, as a user would. With `umask`, it runs under `sh` so the
 * child gets that umask (Node cannot set one for a child).
 */
export function runBuilt(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string | Uint8Array; umask?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [command, args] =
      options.umask === undefined
        ? [process.execPath, [BIN, ...argv]]
        : ['/bin/sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, BIN, ...argv]];
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code: code ?? -1, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
    child.stdin.end(options.input ?? '');
  });
}
