/**
 * `pull <ref> --out DIR`: rebuild on this machine the pack a run made elsewhere, from its seal.
 * The remote ledger names the run's seal; the seal lists every file of the pack with its hash;
 * every object comes down verified into the local store (the run's records and files with it), the
 * pack is written into a temp folder beside DIR and renamed into place, with `STORE.json` naming
 * the local store and `<DIR>.zip` when the run made an archive. `verify DIR` then checks it.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseHashInput } from '../artifacts/index.js';
import type { Cas } from '../cas/index.js';
import { PENDING_ZIP, SEAL_FILE, STORE_LOCATOR_FILE, recoverPublish, writeStoreLocator } from '../packdir/index.js';
import { parseSeal } from '../seal/index.js';
import { PackerError, assertAbsolute, fsyncDir, mapLimit, pathExists, tempPathFor } from '../util/index.js';
import { pullRef } from './pullRef.js';
import { readRemoteLedger, type RemoteRunEntry } from './remoteLedger.js';
import { downloadObjects, type TransferOptions, type TransferReport } from './transferObjects.js';
import type { RemoteStore } from './types.js';

export interface PullPackInput extends TransferOptions {
  cas: Cas;
  remote: RemoteStore;
  /** The run's STATUS ref, its manifest ref or its seal ref (`sha256:<hex>` or bare hex). */
  ref: string;
  /** Absolute path of the pack folder to create (must not exist). */
  out: string;
  /** The local runs dir, named with the local store in the pack's STORE.json. */
  runsDir?: string;
}

export interface PullPackReport extends TransferReport {
  remote: string;
  out: string;
  statusRef: string;
  manifestRef: string;
  sealRef: string;
  /** Files of the pack (SEAL.json and STORE.json left out). */
  files: number;
  /** `<out>.zip`, when the run made an archive. */
  archive?: string;
}


/** The newest run the remote ledger lists under `hash` (STATUS, manifest or seal) that has a seal. */
function findRun(entries: readonly RemoteRunEntry[], hash: string, url: string): RemoteRunEntry & { seal_ref: string } {
  const named = entries.filter((e) => e.status_ref === hash || e.seal_ref === hash || e.manifest_ref === `sha256:${hash}`);
  const sealed = named.filter((e): e is RemoteRunEntry & { seal_ref: string } => e.seal_ref !== undefined);
  const run = sealed[sealed.length - 1];
  if (run) return run;
  if (named.length > 0) {
    throw new PackerError('RUN_NOT_FOUND', ` run ${named[0]!.status_ref} on ${url} has no sealed pack`, { hint: 'push the pack folder itself (llm-packer push <pack dir>)' });
  }
  throw new PackerError('RUN_NOT_FOUND', ` no run on ${url} has the STATUS, manifest or seal ${hash}`, { hint: 'list the runs with llm-packer runs list --remote URL' });
}

/** A seal path that stays inside the pack: `/`-separated, no empty, `.` or `..` part. */
function checkPath(path: string): void {
  const parts = path.split('/');
  const bad = path.includes('\\') || path.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..') || path === SEAL_FILE || path === STORE_LOCATOR_FILE;
  if (bad) throw new PackerError('SEAL_INVALID', ` the seal lists ${JSON.stringify(path)}, which is not a path inside a pack`);
}

export async function pullPack(input: PullPackInput): Promise<PullPackReport> {
  const { cas, remote, out } = input;
  assertAbsolute('out', out);
  assertAbsolute('runsDir', input.runsDir);
  const hash = parseHashInput(input.ref, 'a STATUS, manifest or seal ref');
  const url = remote.location.url;
  const run = findRun(await readRemoteLedger(remote), hash, url);
  const archive = `${out}.zip`;
  for (const path of [out, ...(run.archive_sha256 !== undefined ? [archive] : [])]) {
    if (await pathExists(path)) throw new PackerError('USAGE', ` ${basename(path)} already exists; pull never overwrites`);
  }
  const sealed = await downloadObjects(cas, remote, [run.seal_ref]);
  const seal = parseSeal(await cas.get(run.seal_ref));
  if (seal.status_ref !== run.status_ref) throw new PackerError('SEAL_MISMATCH', ` the seal ${run.seal_ref} seals run ${seal.status_ref}, the ledger says ${run.status_ref}`);
  for (const f of seal.files) checkPath(f.path);
  // A run pushed by its ref alone has its seal on the remote but not the pack's own files.
  const wanted = [...new Set([...seal.files.map((f) => f.sha256), ...(run.archive_sha256 !== undefined ? [run.archive_sha256] : [])])];
  const absent: string[] = [];
  await mapLimit(wanted, input.concurrency ?? 16, async (h) => {
    if (!(await cas.has(h)) && !(await remote.hasObject(h))) absent.push(h);
  });
  if (absent.length > 0) {
    throw new PackerError('CAS_NOT_FOUND', ` ${absent.length} of the ${wanted.length} files of the pack of run ${run.status_ref} are not on ${url}`, {
      hint: 'the run was pushed without its pack folder: push the pack folder itself (llm-packer push <pack dir>)',
    });
  }
  // The run first (records, manifest, files: what verify checks), then the pack's own files.
  const records = await pullRef({ cas, remote, ref: run.status_ref, ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}) });
  const files = await downloadObjects(cas, remote, wanted, input);

  await mkdir(dirname(out), { recursive: true });
  const staging = tempPathFor(out);
  await mkdir(staging);
  let published = false;
  try {
    for (const dir of [...new Set(seal.files.map((f) => dirname(join(staging, f.path))))].sort()) await mkdir(dir, { recursive: true });
    await mapLimit(seal.files, input.concurrency ?? 8, async (f) => {
      const written = await cas.copyTo(f.sha256, join(staging, f.path));
      if (written !== f.bytes) throw new PackerError('SEAL_MISMATCH', ` ${f.path}: ${written} bytes, sealed ${f.bytes}`);
    });
    await cas.copyTo(run.seal_ref, join(staging, SEAL_FILE));
    if (input.runsDir !== undefined) await writeStoreLocator(staging, out, { casRoot: cas.root, runsDir: input.runsDir });
    if (run.archive_sha256 !== undefined) await cas.copyTo(run.archive_sha256, join(staging, PENDING_ZIP));
    if (await pathExists(out)) throw new PackerError('USAGE', ` ${basename(out)} appeared while pulling; pull never overwrites`);
    await rename(staging, out);
    published = true;
    await fsyncDir(dirname(out));
    // The archive moves out beside the pack as a publish moves it (a reader settles a crash here).
    await recoverPublish(out);
  } finally {
    if (!published) await rm(staging, { recursive: true, force: true });
  }
  return {
    remote: url,
    out,
    statusRef: run.status_ref,
    manifestRef: run.manifest_ref,
    sealRef: run.seal_ref,
    files: seal.files.length,
    ...(run.archive_sha256 !== undefined ? { archive } : {}),
    transferred: sealed.transferred + records.transferred + files.transferred,
    skipped: sealed.skipped + records.skipped + files.skipped,
    bytes: sealed.bytes + records.bytes + files.bytes,
  };
}
