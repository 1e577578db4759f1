import { resolve } from 'node:path';
import type { Command } from 'commander';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, type RemoteFlags } from '../remote.js';
import { pullForManifest } from './remote.js';

export function registerVerify(program: Command, ctx: CliContext): void {
  addRemoteOption(addStoreOptions(program.command('verify').description('recompute and check everything a pack claims; exit 0 only if all holds')))
    .argument('<pack>')
    .option('--json', 'print the report as JSON')
    .action(async (pack: string, flags: StoreFlags & RemoteFlags & { json?: boolean }) => {
      const locations = await storeLocationsFrom(flags, ctx.io);
      const url = await remoteUrlFor(flags, ctx.io, locations.root);
      if (url !== undefined) await pullForManifest(ctx.io, url, locations.casRoot, resolve(ctx.io.cwd, pack));
      const report = await lib().verifyPack({
        cas: lib().openCas(locations.casRoot),
        runsDir: locations.runsDir,
        root: locations.root,
        packDir: resolve(ctx.io.cwd, pack),
      });
      if (flags.json) printJson(ctx.io, { ...report, pack });
      else for (const c of report.checks) printLine(ctx.io, `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      if (!report.ok) {
        const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
        throw new (lib().PackerError)('VERIFY_FAILED', ` ${pack}: ${failed.join(', ')}`);
      }
    });
}
