/**
 * The team store's commands (`push`, `pull`) and the `--remote` side of gc, audit, runs, cas,
 * consume, verify and pack. Each opens the remote, calls one library function, prints.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { PushReport, RemoteStore } from '../../index.js';
import { lib } from '../lib.js';
import type { CliContext, CliIo } from '../io.js';
import { addStoreOptions, storeLocationsFrom, type StoreFlags } from '../options.js';
import { printJson, printLine } from '../output.js';
import { addRemoteOption, remoteUrlFor, withRemote, type RemoteFlags } from '../remote.js';

type Flags = StoreFlags & RemoteFlags & { json?: boolean };

async function requireRemote(flags: Flags, io: CliIo): Promise<string> {
  const url = await remoteUrlFor(flags, io, resolve(io.cwd, flags.root ?? '.'));
  if (url === undefined) throw new (lib().PackerError)('USAGE', ' no remote store: pass --remote s3://BUCKET/PREFIX or set "remote" in llm-packer.config.json');
  return url;
}

/** The STATUS ref of a pack folder (its RUN_REFS.json) and the folder, or the ref itself. */
async function statusRefOf(target: string, io: CliIo): Promise<{ statusRef: string; packDir?: string }> {
  if (target.startsWith('sha256:') || lib().isHash(target)) return { statusRef: lib().parseHashInput(target, 'a STATUS ref') };
  const packDir = resolve(io.cwd, target);
  const file = join(packDir, 'LITE', 'RUN_REFS.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (lib().isErrno(err, 'ENOENT', 'ENOTDIR')) throw new (lib().PackerError)('INPUT_NOT_FOUND', ` ${target} is neither a pack with LITE/RUN_REFS.json nor a STATUS ref`);
    throw err;
  }
  const ref = (JSON.parse(text) as { status_ref?: unknown }).status_ref;
  if (typeof ref !== 'string' || !lib().isHash(ref)) throw new (lib().PackerError)('INPUT_INVALID', ` ${file} holds no status_ref`);
  return { statusRef: ref, packDir };
}

export function printPush(ctx: CliContext, report: PushReport): void {
  printLine(ctx.io, `pushed run ${report.statusRef} to ${report.remote}: ${report.transferred} objects uploaded (${report.bytes} bytes), ${report.skipped} already there; roots and ledger updated`);
  printLine(ctx.io, `manifest ${report.manifestRef}`);
}

/** `pack --remote` / `push`: put a run (and its pack folder, when at hand) on the remote. */
export async function pushAfterPack(ctx: CliContext, url: string, where: { casRoot: string; runsDir: string }, statusRef: string, packDir?: string): Promise<PushReport> {
  return withRemote(url, ctx.io, (remote) =>
    lib().pushRun({ cas: lib().openCas(where.casRoot), runsDir: where.runsDir, remote, statusRef, ...(packDir !== undefined ? { packDir } : {}) }),
  );
}

/** `consume --remote`: bring the manifest and its files into the local store. */
export async function pullForManifest(io: CliIo, url: string, casRoot: string, source: string): Promise<void> {
  await withRemote(url, io, async (remote) => {
    const cas = lib().openCas(casRoot);
    if (source.startsWith('sha256:')) {
      await lib().pullRef({ cas, remote, ref: source });
      return;
    }
    const { manifest } = await lib().loadManifest(cas, source);
    await lib().downloadObjects(cas, remote, manifest.entries.map((e) => lib().parseRef(e.ref)));
  });
}

export async function remoteGcAction(ctx: CliContext, url: string, opts: { apply: boolean; graceMs: number; allowEmptyRoots: boolean; json: boolean }): Promise<void> {
  const report = await withRemote(url, ctx.io, (remote) => lib().runRemoteGc({ remote, apply: opts.apply, graceMs: opts.graceMs, allowEmptyRoots: opts.allowEmptyRoots }));
  if (opts.json) return printJson(ctx.io, report);
  printLine(ctx.io, `gc ${report.remote}: ${report.mode === 'dry_run' ? 'dry run (nothing deleted; --apply deletes)' : 'apply'}`);
  printLine(ctx.io, `roots: ${report.rootsCount}, objects: ${report.objectsCount}, candidates: ${report.candidateHashesCount}, skipped: ${report.skippedHashes.length}, deleted: ${report.deletedHashes.length}`);
  for (const h of report.deletedHashes) printLine(ctx.io, `deleted ${h}`);
}

export async function remoteAuditAction(ctx: CliContext, url: string, casRoot: string, opts: { outputHashes?: string; full: boolean; json: boolean }): Promise<void> {
  const receipt = await withRemote(url, ctx.io, (remote) =>
    lib().remoteAudit({ remote, cas: lib().openCas(casRoot), full: opts.full, ...(opts.outputHashes !== undefined ? { outputHashesRef: opts.outputHashes } : {}) }),
  );
  if (opts.json) printJson(ctx.io, receipt);
  else {
    printLine(ctx.io, `audit ${receipt.remote}: ${receipt.verdict} (${receipt.rootsCount} roots${opts.full ? ', every rooted object rehashed' : ''})`);
    for (const h of receipt.rootsMissing) printLine(ctx.io, `root missing: ${h}`);
    for (const h of receipt.requiredMissing) printLine(ctx.io, `required missing: ${h}`);
    for (const h of receipt.requiredUnreachable) printLine(ctx.io, `required not rooted: ${h}`);
    for (const h of receipt.corrupt) printLine(ctx.io, `corrupt: ${h}`);
    for (const e of receipt.errors) printLine(ctx.io, `error: ${e}`);
  }
  if (receipt.verdict !== 'PASS') throw new (lib().PackerError)('AUDIT_FAIL', ` remote audit of ${receipt.remote} failed`);
}

export async function remoteRunsAction(ctx: CliContext, url: string, json: boolean): Promise<void> {
  const entries = (await withRemote(url, ctx.io, (remote) => lib().readRemoteLedger(remote))).map((e) => lib().toRunSummary(e));
  if (json) return printJson(ctx.io, entries);
  for (const r of entries) printLine(ctx.io, lib().formatRunLine(r));
  if (entries.length === 0) printLine(ctx.io, 'no runs');
}

export function registerPush(program: Command, ctx: CliContext): void {
  addRemoteOption(addStoreOptions(program.command('push').description('put a pack that exists locally onto the remote store (objects first, roots last)')))
    .argument('<pack>', 'a pack folder (its files go up too, for pull --out), or the STATUS ref of its run')
    .option('--json', 'print the report as JSON')
    .action(async (target: string, flags: Flags) => {
      const url = await requireRemote(flags, ctx.io);
      const where = await storeLocationsFrom(flags, ctx.io);
      const { statusRef, packDir } = await statusRefOf(target, ctx.io);
      const report = await pushAfterPack(ctx, url, where, statusRef, packDir);
      if (flags.json) printJson(ctx.io, report);
      else printPush(ctx, report);
    });
}

export function registerPull(program: Command, ctx: CliContext): void {
  addRemoteOption(
    addStoreOptions(
      program
        .command('pull')
        .description('bring a manifest (and its files) or a whole run from the remote into the local store; with --out, rebuild the pack itself'),
    ),
  )
    .argument('<ref>', 'sha256:<manifest hash>, or the STATUS ref of a run')
    .option('--out <dir>', 'rebuild the pack the run made into this folder (must not exist), for verify')
    .option('--json', 'print the report as JSON')
    .action(async (ref: string, flags: Flags & { out?: string }) => {
      const url = await requireRemote(flags, ctx.io);
      const { casRoot, runsDir } = await storeLocationsFrom(flags, ctx.io);
      if (flags.out !== undefined) {
        const out = resolve(ctx.io.cwd, flags.out);
        const pack = await withRemote(url, ctx.io, (remote) => lib().pullPack({ cas: lib().openCas(casRoot), remote, ref, out, runsDir }));
        if (flags.json) return printJson(ctx.io, pack);
        printLine(ctx.io, `pulled the pack of run ${pack.statusRef} from ${pack.remote} into ${flags.out}: ${pack.files} files; ${pack.transferred} objects downloaded (${pack.bytes} bytes), ${pack.skipped} already here`);
        if (pack.archive !== undefined) printLine(ctx.io, `archive ${pack.archive}`);
        printLine(ctx.io, `manifest ${pack.manifestRef}`);
        return;
      }
      const report = await withRemote(url, ctx.io, (remote) => lib().pullRef({ cas: lib().openCas(casRoot), remote, ref }));
      if (flags.json) return printJson(ctx.io, report);
      printLine(ctx.io, `pulled ${report.kind} ${report.manifestRef} from ${report.remote}: ${report.transferred} objects downloaded (${report.bytes} bytes), ${report.skipped} already here`);
    });
}
