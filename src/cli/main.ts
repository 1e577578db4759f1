import { Command, CommanderError } from 'commander';
import { lib, libraryLoaded, loadLibrary } from './lib.js';
import { COMMANDS } from './commands/index.js';
import { addHelpTexts } from './helpText.js';
import type { CliContext, CliIo } from './io.js';

export const VERSION = '0.1.0';

interface Failure {
  code: string;
  /** The message after the code. */
  message: string;
  /** The line as the library wrote it (`CODE:detail`, FORMATS.md §8). */
  line: string;
  hint?: string;
  exitCode: number;
}

function failureOf(err: unknown): Failure {
  if (libraryLoaded() && lib().isPackerError(err)) {
    const message = err.message.slice(err.code.length + 1).trim();
    return { code: err.code, message, line: err.message, ...(err.hint ? { hint: err.hint } : {}), exitCode: err.exitCode };
  }
  const text = err instanceof Error ? err.message : String(err);
  const message = text.split('\n')[0] ?? '';
  return { code: 'IO_ERROR', message, line: `IO_ERROR: ${message}`, exitCode: 1 };
}

/**
 * A failure is one line on stderr, `CODE:detail (hint)`. With `--json`, stdout holds exactly one
 * JSON document either way: the command's result, or — when it failed before printing one —
 * `{"code","message","hint"}` (README, "Errors").
 */
function reportFailure(io: CliIo, failure: Failure, options: { json: boolean; stdoutUsed: boolean; stack?: string }): number {
  const hint = failure.hint ? ` (${failure.hint})` : '';
  io.stderr.write(`${failure.line}${hint}\n`);
  if (options.stack) io.stderr.write(`${options.stack}\n`);
  if (options.json && !options.stdoutUsed) {
    const { code, message } = failure;
    io.stdout.write(`${JSON.stringify({ code, message, ...(failure.hint ? { hint: failure.hint } : {}) })}\n`);
  }
  return failure.exitCode;
}

/** `io` with a note of whether anything was written to stdout. */
function watchStdout(io: CliIo): { io: CliIo; used: () => boolean } {
  let used = false;
  const stdout = io.stdout;
  const watched: CliIo = {
    ...io,
    stdout: {
      write: (chunk) => {
        used = true;
        return stdout.write(chunk);
      },
      ...(stdout.isTTY !== undefined ? { isTTY: stdout.isTTY } : {}),
      ...(stdout.columns !== undefined ? { columns: stdout.columns } : {}),
    },
  };
  return { io: watched, used: () => used };
}

/**
 * Run the CLI in-process: parse `argv` (without node and script), call the library, print.
 * Returns the exit code; never calls `process.exit`.
 */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const { io, used: stdoutUsed } = watchStdout(rawIo);
  const ctx: CliContext = { io, exitCode: 0 };
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  const program = new Command('llm-packer')
    .description('Pack a repository into content-addressed, deterministic, audited packs an LLM can read')
    .version(VERSION)
    .option('--debug', 'print stack traces with errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    });
  for (const register of COMMANDS) register(program, ctx);
  addHelpTexts(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  try {
    // Only a command line that names a command loads the library (see lib.ts).
    if (argv.some((a) => !a.startsWith('-'))) await loadLibrary();
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version'].includes(err.code)) return 0;
      // Help shown because a command was incomplete (`llm-packer cas`) is bad usage.
      if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      const text = err.message.replace(/^error: /, '').split('\n')[0] ?? '';
      const usage = { code: 'USAGE', message: text, line: `USAGE: ${text}`, hint: 'see llm-packer --help', exitCode: 2 };
      return reportFailure(io, usage, { json, stdoutUsed: stdoutUsed() });
    }
    const stack = debug && err instanceof Error && err.stack ? err.stack : undefined;
    return reportFailure(io, failureOf(err), { json, stdoutUsed: stdoutUsed(), ...(stack ? { stack } : {}) });
  }
}
