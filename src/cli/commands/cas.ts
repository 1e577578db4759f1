import { resolve } from 'node:path';
import type { Command } from 'commander';
import { lib } from '../lib.js';
import type { CliContext } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, withRemote, type RemoteFlags } from '../remote.js';

/** `sha256:<hex>` and bare hex name the same object (one parser for every command). */
function hashOf(ref: string): string {
  return lib().parseHashInput(ref, 'the object');
}

/** The name `cas put` reads standard input for, as `cat -` does. */
const STDIN = '-';

/** Standard input, streamed; a CLI run without one (in-process, `mcp`) cannot read `-`. */
function standardInput(ctx: CliContext): AsyncIterable<Uint8Array> {
  const stdin = ctx.io.stdio?.stdin;
  if (stdin === undefined) throw new (lib().PackerError)('USAGE', ' - (standard input) is not available here');
  return stdin;
}

async function casFrom(flags: StoreFlags, ctx: CliContext) {
  return lib().openCas((await storeLocationsFrom(flags, ctx.io)).casRoot);
}

export function registerCas(program: Command, ctx: CliContext): void {
  const cas = program.command('cas').description('the content-addressed store: put, get, has, fsck');

  addRemoteOption(addStoreOptions(cas.command('put').description('store files (- reads standard input); prints one sha256: ref per file')))
    .argument('<file...>', 'files to store; - stores what standard input holds')
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], flags: StoreFlags & RemoteFlags & { json?: boolean }) => {
      if (files.filter((f) => f === STDIN).length > 1) {
        throw new (lib().PackerError)('USAGE', ' - (standard input) may be given once');
      }
      const stdin = files.includes(STDIN) ? standardInput(ctx) : undefined;
      const store = await casFrom(flags, ctx);
      const results: { path: string; ref: string; hash: string; bytes: number; written: boolean }[] = [];
      for (const file of files) {
        const put = file === STDIN && stdin ? await store.putStream(stdin) : await store.putFile(resolve(ctx.io.cwd, file));
        results.push({ path: file, ref: lib().formatRef(put.hash), hash: put.hash, bytes: put.size, written: put.written });
      }
      const url = await remoteUrlFor(flags, ctx.io, resolve(ctx.io.cwd, flags.root ?? '.'));
      if (url !== undefined) await withRemote(url, ctx.io, (remote) => lib().uploadObjects(store, remote, results.map((r) => r.hash)));
      if (flags.json) printJson(ctx.io, results.map(({ hash: _hash, ...r }) => r));
      else for (const r of results) printLine(ctx.io, r.ref);
    });

  addRemoteOption(addStoreOptions(cas.command('get').description('print (or -o write) an object, verified')))
    .argument('<ref>')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .action(async (ref: string, flags: StoreFlags & RemoteFlags & { output?: string }) => {
      const store = await casFrom(flags, ctx);
      const hash = hashOf(ref);
      const url = await remoteUrlFor(flags, ctx.io, resolve(ctx.io.cwd, flags.root ?? '.'));
      if (url !== undefined) await withRemote(url, ctx.io, (remote) => lib().downloadObjects(store, remote, [hash]));
      if (flags.output) await lib().materialize(store, lib().formatRef(hash), resolve(ctx.io.cwd, flags.output));
      else ctx.io.stdout.write(await store.get(hash));
    });

  addRemoteOption(addStoreOptions(cas.command('has').description('exit 0 when the object is in the store (the remote one with --remote), 1 when not')))
    .argument('<ref>')
    .action(async (ref: string, flags: StoreFlags & RemoteFlags) => {
      const store = await casFrom(flags, ctx);
      const url = await remoteUrlFor(flags, ctx.io, resolve(ctx.io.cwd, flags.root ?? '.'));
      const hash = hashOf(ref);
      const present = url === undefined ? await store.has(hash) : await withRemote(url, ctx.io, (remote) => remote.hasObject(hash));
      printLine(ctx.io, present ? 'present' : 'absent');
      ctx.exitCode = present ? 0 : 1;
    });

  addStoreOptions(cas.command('fsck').description('rehash every object; exit 1 when anything is wrong'))
    .option('--json', 'print the report as JSON')
    .action(async (flags: StoreFlags & { json?: boolean }) => {
      const store = await casFrom(flags, ctx);
      await lib().requireDir(store.root, 'the store'); // a typo is not an empty, healthy store
      const report = await store.fsck();
      if (flags.json) printJson(ctx.io, report);
      else {
        printLine(ctx.io, `checked ${report.checked} objects`);
        for (const c of report.corrupt) {
          const why = report.zeroLength.includes(c.hash) ? 'zero-length' : `hashes to ${c.actual}`;
          printLine(ctx.io, `corrupt ${c.hash} (${why})`);
        }
        for (const m of report.misnamed) printLine(ctx.io, `misnamed ${m}`);
        for (const t of report.tempFiles) printLine(ctx.io, `temp ${t}`);
        printLine(ctx.io, report.ok ? 'ok' : 'FAIL');
      }
      if (!report.ok) {
        throw new (lib().PackerError)(
          'CAS_FSCK_FAILED',
          ` ${report.corrupt.length} corrupt, ${report.misnamed.length} misnamed, ${report.tempFiles.length} temp files in ${store.root}`,
        );
      }
    });
}
