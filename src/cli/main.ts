import { Command, CommanderError } from 'commander';
import { lib, libraryLoaded, loadLibrary } from './lib.js';
import { COMMANDS } from './commands/index.js';
import { addHelpTexts } from './helpText.js';
import type { CliContext, CliIo } from './io.js';

export const VERSION = '0.1.0';

function describeError(err: unknown, debug: boolean): { line: string; exitCode: number } {
  const stack = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  if (libraryLoaded() && lib().isPackerError(err)) {
    const hint = err.hint ? ` (${err.hint})` : '';
    return { line: `${err.message}${hint}${stack}`, exitCode: err.exitCode };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { line: `IO_ERROR: ${message.split('\n')[0]}${stack}`, exitCode: 1 };
}

/**
 * Run the CLI in-process: parse `argv` (without node and script), call the library, print.
 * Returns the exit code; never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const debug = argv.includes('--debug');
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
      const text = err.message.replace(/^error: /, '');
      io.stderr.write(`USAGE: ${text.split('\n')[0]} (see llm-packer --help)\n`);
      return 2;
    }
    const { line, exitCode } = describeError(err, debug);
    io.stderr.write(`${line}\n`);
    return exitCode;
  }
}
