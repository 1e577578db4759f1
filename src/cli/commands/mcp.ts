import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RemoteStore } from '../../index.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { addRemoteOption, openRemoteFor, remoteUrlFor, type RemoteFlags } from '../remote.js';

interface McpFlags extends StoreFlags, RemoteFlags {
  allowRoot?: string[];
  maxAnswerBytes?: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new (lib().PackerError)('USAGE', ` ${flag} ${JSON.stringify(value)}: expected a whole number above 0`);
  }
  return Number(value);
}

/** The team store, opened when a tool first needs it and closed by `close`. */
function lazyRemote(url: string | undefined, ctx: CliContext): { open?: () => Promise<RemoteStore>; close: () => Promise<void> } {
  if (url === undefined) return { close: async () => undefined };
  lib().parseRemoteUrl(url); // a bad URL is bad usage at start, not a failure of the first tool call
  let opened: Promise<RemoteStore> | undefined;
  return {
    open: () => (opened ??= openRemoteFor(url, ctx.io)),
    close: async () => (await opened?.catch(() => undefined))?.close(),
  };
}

export function registerMcp(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('mcp')
    .description('serve the store to AI agents over MCP (stdio): tools pack, list_files, read_file, read_part, grep, verify');
  addRemoteOption(addStoreOptions(cmd))
    .option('--allow-root <dir>', 'a folder the pack tool may pack (repeatable; default: only --root)', (v: string, all: string[] = []) => [...all, v])
    .option('--max-answer-bytes <n>', 'bytes of text one answer carries before it is cut with a note', '100000')
    .action(async (flags: McpFlags) => {
      const stdio = ctx.io.stdio;
      if (stdio === undefined) throw new (lib().PackerError)('USAGE', ' mcp needs the standard input and output of a process');
      const locations = await storeLocationsFrom(flags, ctx.io);
      const maxAnswerBytes = positive('--max-answer-bytes', flags.maxAnswerBytes);
      const remote = lazyRemote(await remoteUrlFor(flags, ctx.io, locations.root), ctx);
      try {
        await lib().serveMcpStdio({
          options: {
            ...locations,
            allowRoots: (flags.allowRoot ?? []).map((d) => resolve(ctx.io.cwd, d)),
            ...(maxAnswerBytes !== undefined ? { maxAnswerBytes } : {}),
            version: program.version() ?? '0.0.0',
            ...(remote.open ? { remote: remote.open } : {}),
          },
          stdin: stdio.stdin,
          stdout: stdio.stdout,
        });
      } finally {
        await remote.close();
      }
    });
}
