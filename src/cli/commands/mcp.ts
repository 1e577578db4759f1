import { resolve } from 'node:path';
import type { Command } from 'commander';
import { PackerError, serveMcpStdio } from '../../index.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';

interface McpFlags extends StoreFlags {
  allowRoot?: string[];
  maxAnswerBytes?: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new PackerError('USAGE', ` ${flag} ${JSON.stringify(value)}: expected a whole number above 0`);
  }
  return Number(value);
}

export function registerMcp(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('mcp')
      .description('serve the store to AI agents over MCP (stdio): tools pack, list_files, read_file, read_part, grep, verify'),
  )
    .option('--allow-root <dir>', 'a folder the pack tool may pack (repeatable; default: only --root)', (v: string, all: string[] = []) => [...all, v])
    .option('--max-answer-bytes <n>', 'bytes of text one answer carries before it is cut with a note', '100000')
    .action(async (flags: McpFlags) => {
      const stdio = ctx.io.stdio;
      if (stdio === undefined) throw new PackerError('USAGE', ' mcp needs the standard input and output of a process');
      const locations = await storeLocationsFrom(flags, ctx.io);
      const maxAnswerBytes = positive('--max-answer-bytes', flags.maxAnswerBytes);
      await serveMcpStdio({
        options: {
          ...locations,
          allowRoots: (flags.allowRoot ?? []).map((d) => resolve(ctx.io.cwd, d)),
          ...(maxAnswerBytes !== undefined ? { maxAnswerBytes } : {}),
          version: program.version() ?? '0.0.0',
        },
        stdin: stdio.stdin,
        stdout: stdio.stdout,
      });
    });
}
