import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Cas, VerifyReport } from '../../index.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, namesStore, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, withRemote, type RemoteFlags } from '../remote.js';

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The store to check against: the flags when given; else the one the pack names (STORE.json);
 * else none, and the steps that need it are reported as not checked.
 */
async function locateStore(ctx: CliContext, packDir: string, flags: StoreFlags, cmd: Command): Promise<{ cas?: Cas; runsDir?: string; root?: string }> {
  const found: { casRoot: string; runsDir: string; root?: string } | undefined = namesStore(flags, cmd)
    ? await storeLocationsFrom(flags, ctx.io)
    : await lib().readStoreLocator(packDir);
  if (!found) return {};
  const [cas, runs] = await Promise.all([isDir(found.casRoot), isDir(found.runsDir)]);
  return {
    ...(cas ? { cas: lib().openCas(found.casRoot) } : {}),
    ...(runs ? { runsDir: found.runsDir } : {}),
    ...(found.root !== undefined ? { root: found.root } : {}),
  };
}

function printReport(ctx: CliContext, report: VerifyReport): void {
  for (const c of report.checks) {
    const mark = c.ok ? 'ok' : c.skipped ? 'not checked' : 'FAIL';
    printLine(ctx.io, `${mark.padEnd(4)} ${c.name}: ${c.skipped ? c.detail.replace(/^not checked: /, '') : c.detail}`);
    for (const p of c.problems ?? []) printLine(ctx.io, `       ${p}`);
  }
}

export function registerVerify(program: Command, ctx: CliContext): void {
  addRemoteOption(
    addStoreOptions(
      program
        .command('verify')
        .description(
          'check a pack against its seal file by file, the seal against the store and the run ledger, then every record; exit 0 only if all holds',
        ),
    ),
  )
    .argument('<pack>')
    .option('--json', 'print the report as JSON')
    .action(async (pack: string, flags: StoreFlags & RemoteFlags & { json?: boolean }, cmd: Command) => {
      const packDir = resolve(ctx.io.cwd, pack);
      const locations = await storeLocationsFrom(flags, ctx.io); // a bad --config stops it first
      await lib().recoverPublish(packDir); // a crash mid-publish may have left the pack beside its place
      await lib().requireDir(packDir, 'the pack');
      const store = await locateStore(ctx, packDir, flags, cmd);
      const url = await remoteUrlFor(flags, ctx.io, locations.root);
      // With a team store the local store is its cache: what the run needs comes down into it, and
      // the roots, the audit (and the ledger, if the local one does not know the run) are the remote's.
      const report =
        url === undefined
          ? await lib().verifyPack({ packDir, ...store })
          : await withRemote(url, ctx.io, (remote) => lib().verifyPack({ packDir, ...store, cas: store.cas ?? lib().openCas(locations.casRoot), remote }));
      if (flags.json) printJson(ctx.io, { ...report, pack });
      else printReport(ctx, report);
      const failed = report.checks.filter((c) => !c.ok && !c.skipped).map((c) => c.name);
      if (failed.length > 0) throw new (lib().PackerError)('VERIFY_FAILED', ` ${pack}: ${failed.join(', ')}`);
      if (!report.complete) {
        const skipped = report.checks.filter((c) => c.skipped).map((c) => c.name);
        throw new (lib().PackerError)('VERIFY_INCOMPLETE', ` ${pack}: not checked: ${skipped.join(', ')}`, {
          hint: 'the store the pack was made with is not at hand; pass --cas-root and --runs-dir, or --remote for the team store it was pushed to',
        });
      }
    });
}
