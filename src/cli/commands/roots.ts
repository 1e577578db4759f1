import type { Command } from 'commander';
import type { RootFileState, RootSourceName, RootsChange } from '../../index.js';
// A constant for help texts: importing it does not load the library (see ../lib.ts).
import { ROOT_FILES } from '../../roots/readRootFile.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';

type Flags = StoreFlags & { json?: boolean };

const GROUPS: { command: string; source: RootSourceName; about: string }[] = [
  { command: 'roots', source: 'RUN_ROOTS', about: 'the GC roots of pack runs' },
  { command: 'pins', source: 'GC_PINS', about: 'objects pinned by hand against GC' },
];

function toJson(state: RootFileState | RootsChange) {
  return {
    name: state.name,
    path: state.path,
    exists: state.exists,
    contentHash: state.contentHash,
    hashes: state.hashes,
    ...('changed' in state ? { changed: state.changed } : {}),
  };
}

function printChange(ctx: CliContext, flags: Flags, change: RootsChange, verb: 'added' | 'removed'): void {
  if (flags.json) return printJson(ctx.io, toJson(change));
  const where = verb === 'added' ? 'to' : 'from';
  printLine(ctx.io, `${verb} ${change.changed.length} ${where} ${ROOT_FILES[change.name]} (${change.hashes.length} roots)`);
}

function registerGroup(program: Command, ctx: CliContext, group: (typeof GROUPS)[number]): void {
  const file = ROOT_FILES[group.source];
  const cmd = program.command(group.command).description(`${group.about} (${file} in the runs dir): list, add, rm`);
  const runsDirOf = async (flags: Flags) => (await storeLocationsFrom(flags, ctx.io)).runsDir;

  addStoreOptions(cmd.command('list').description(`print every hash in ${file}, one a line`))
    .option('--json', 'print the file state as JSON')
    .action(async (flags: Flags) => {
      const state = await lib().readRootFile(await runsDirOf(flags), group.source);
      if (flags.json) printJson(ctx.io, toJson(state));
      else for (const h of state.hashes) printLine(ctx.io, h);
    });

  addStoreOptions(cmd.command('add').description(`add hashes (sha256:<hex> or hex) to ${file} (merged, under the roots lock)`))
    .argument('<hash...>')
    .option('--json', 'print the new file state as JSON')
    .action(async (hashes: string[], flags: Flags) => {
      printChange(ctx, flags, await lib().addRoots(await runsDirOf(flags), hashes.map((h) => lib().parseHashInput(h, 'a root')), { name: group.source }), 'added');
    });

  addStoreOptions(cmd.command('rm').description(`remove hashes from ${file}`))
    .argument('<hash...>')
    .option('--json', 'print the new file state as JSON')
    .action(async (hashes: string[], flags: Flags) => {
      printChange(ctx, flags, await lib().removeRoots(await runsDirOf(flags), hashes.map((h) => lib().parseHashInput(h, 'a root')), { name: group.source }), 'removed');
    });
}

/** `roots list|add|rm` (RUN_ROOTS.json) and `pins list|add|rm` (GC_PINS.json). */
export function registerRoots(program: Command, ctx: CliContext): void {
  for (const group of GROUPS) registerGroup(program, ctx, group);
}
