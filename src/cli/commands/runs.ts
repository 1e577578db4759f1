import type { Command } from 'commander';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, type RemoteFlags } from '../remote.js';
import { remoteRunsAction } from './remote.js';

export function registerRuns(program: Command, ctx: CliContext): void {
  const runs = program.command('runs').description('the ledger of pack runs: list, show, forget');

  addRemoteOption(addStoreOptions(runs.command('list').description('every remembered run, oldest first: when, verdict, scope, files, pack folder, STATUS ref')))
    .option('--json', 'print as JSON')
    .action(async (flags: StoreFlags & RemoteFlags & { json?: boolean }) => {
      const { runsDir, root } = await storeLocationsFrom(flags, ctx.io);
      const url = await remoteUrlFor(flags, ctx.io, root);
      if (url !== undefined) return remoteRunsAction(ctx, url, flags.json === true);
      const entries = await lib().listRuns(runsDir);
      if (flags.json) return printJson(ctx.io, entries);
      for (const r of entries) printLine(ctx.io, lib().formatRunLine(r));
      if (entries.length === 0) printLine(ctx.io, 'no runs');
    });

  addStoreOptions(runs.command('show').description('one run, by its STATUS ref (the newest, when one tree was packed the same way again)'))
    .argument('<status-ref>')
    .action(async (ref: string, flags: StoreFlags) => {
      const statusRef = lib().parseHashInput(ref, 'the STATUS ref');
      const { runsDir } = await storeLocationsFrom(flags, ctx.io);
      // Packing one tree the same way again gives the same STATUS: the newest run says where its pack is now.
      const entry = (await lib().listRuns(runsDir)).filter((r) => r.statusRef === statusRef).at(-1);
      if (!entry) throw new (lib().PackerError)('RUN_NOT_FOUND', ` no run with STATUS ref ${statusRef} in ${runsDir}`);
      printJson(ctx.io, entry);
    });

  addStoreOptions(runs.command('forget').description('drop a run and the roots only it holds'))
    .argument('<status-ref>')
    .option('--json', 'print what was removed as JSON')
    .action(async (ref: string, flags: StoreFlags & { json?: boolean }) => {
      const statusRef = lib().parseHashInput(ref, 'the STATUS ref');
      const { runsDir, casRoot } = await storeLocationsFrom(flags, ctx.io);
      const result = await lib().forgetRun({ runsDir, casRoot, statusRef });
      if (flags.json) return printJson(ctx.io, result);
      printLine(ctx.io, `forgot ${statusRef}: ${result.removedRoots.length} roots removed, ${result.keptRoots} kept for other runs`);
    });
}
