import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
// A constant: importing it does not load the library (see ../lib.ts).
import { packDirOfPath } from '../../packdir/packLayout.js';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeForPack, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, type RemoteFlags } from '../remote.js';
import { pullForManifest } from './remote.js';

/** A `sha256:` ref, or bare hex that names no file, is a manifest in the store; else a path. */
async function sourceOf(source: string, cwd: string): Promise<string> {
  if (source.startsWith('sha256:')) return `sha256:${lib().parseHashInput(source, 'the manifest ref')}`;
  const path = resolve(cwd, source);
  if (!/^[0-9a-f]{64}$/.test(source)) return path;
  const exists = await stat(path).then(() => true, () => false);
  return exists ? path : `sha256:${lib().parseHashInput(source, 'the manifest ref')}`;
}

export function registerConsume(program: Command, ctx: CliContext): void {
  addRemoteOption(addStoreOptions(
    program
      .command('consume')
      .description('rebuild the packed files from the CAS (pack dir, LITE/PACK_MANIFEST.json or sha256: ref)'),
  ))
    .argument('<source>')
    .requiredOption('--out <dir>', 'folder to create (must not exist)')
    .option('--dry-run', 'check everything, write nothing')
    .option('--allow-unportable-paths', 'rebuild a pack made with --allow-unportable-paths where this file system holds its names apart (default: refuse it)')
    .option('--json', 'print the receipt as JSON')
    .action(async (source: string, flags: StoreFlags & RemoteFlags & { out: string; dryRun?: boolean; json?: boolean; allowUnportablePaths?: boolean }, cmd: Command) => {
      const locations = await storeLocationsFrom(flags, ctx.io);
      const from = await sourceOf(source, ctx.io.cwd);
      // A pack (or its LITE manifest) names the store it was made with, as for verify.
      const casRoot = from.startsWith('sha256:') ? locations.casRoot : (await storeForPack(flags, ctx.io, cmd, packDirOfPath(from))).casRoot;
      const url = await remoteUrlFor(flags, ctx.io, locations.root);
      if (url !== undefined) await pullForManifest(ctx.io, url, casRoot, from);
      const receipt = await lib().consumePack({
        cas: lib().openCas(casRoot),
        source: from,
        out: resolve(ctx.io.cwd, flags.out),
        dryRun: Boolean(flags.dryRun),
        ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
        ...(flags.allowUnportablePaths ? { allowUnportablePaths: true } : {}),
      });
      if (flags.json) return printJson(ctx.io, receipt);
      const verb = receipt.dryRun ? 'would write' : 'wrote';
      printLine(ctx.io, `${verb} ${receipt.files} files (${receipt.bytes} bytes) to ${flags.out}`);
      printLine(ctx.io, `manifest ${receipt.manifestRef}`);
      printLine(ctx.io, `tree ${receipt.treeHash}`);
    });
}
