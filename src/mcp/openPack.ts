/**
 * A pack a client names: a pack folder, or the `sha256:` ref of its seal. A seal ref is resolved
 * through the run ledger (the run that recorded the seal), the seal object is read from the store
 * (checked against its ref) and the pack folder is looked for among the folders of the packs dir
 * (the one whose SEAL.json is that object). Every file read through a sealed pack is checked
 * against the seal; when the folder is gone, a file is read from the store if its bytes are there.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatRef, parseRef } from '../artifacts/index.js';
import { SEAL_FILE } from '../packdir/index.js';
import { readLedger, type RunEntry } from '../runs/index.js';
import { parseSeal, type Seal, type SealedFile } from '../seal/index.js';
import { CorruptObjectError, PackerError, isErrno, openRegularFile, readRegularFile, sha256Hex } from '../util/index.js';
import { resolveAllowedDir } from './checkRequestPath.js';
import { readFileSlice, type FileSlice, type SliceRequest } from './readObjectSlice.js';
import type { McpContext } from './types.js';

export interface OpenedPack {
  /** The pack folder, when it is on this machine. */
  dir?: string;
  /** How answers name the pack: the folder, or the seal ref when the folder is gone. */
  label: string;
  /** With a seal ref: the seal (from the store) and the ledger's run. */
  sealed?: { ref: string; seal: Seal; run: RunEntry };
  /** Lines of a pack file (pack-relative path, e.g. `SPLIT/REPO-01_src.md`), hashed whole. */
  slice(path: string, request: SliceRequest): Promise<FileSlice>;
  /** Size of a pack file: the seal's, or the folder's (undefined when it is not there). */
  size(path: string): Promise<number | undefined>;
}

/** Pack paths come from PACK_INFO.json or the seal: a file directly in one of the pack's folders. */
function fileIn(dir: string, path: string): string {
  return join(dir, ...path.split('/'));
}

/** A pack folder's file, refused unless it is a regular file at exactly that path (no symlink). */
async function folderSlice(dir: string, path: string, request: SliceRequest): Promise<FileSlice> {
  const abs = fileIn(dir, path);
  try {
    if ((await realpath(abs)) !== abs) throw new PackerError('MCP_PATH_REFUSED', ` ${path} in ${dir} is a link`);
    const fh = await openRegularFile(abs);
    if (fh === undefined) throw new PackerError('MCP_PATH_REFUSED', ` ${path} in ${dir} is not a regular file`);
    await fh.close();
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` ${path} is missing from ${dir}`, { cause: err });
    throw err;
  }
  return readFileSlice(abs, request);
}

function sealedEntry(sealed: NonNullable<OpenedPack['sealed']>, path: string): SealedFile {
  const entry = sealed.seal.files.find((f) => f.path === path);
  if (!entry) throw new PackerError('SEAL_MISMATCH', ` the seal ${sealed.ref} lists no ${path}`);
  return entry;
}

/** The run of the ledger that recorded this seal, or SEAL_UNRECORDED. */
async function runOfSeal(ctx: McpContext, hash: string): Promise<RunEntry> {
  const run = [...(await readLedger(ctx.settings.runsDir))].reverse().find((e) => e.seal_ref === hash);
  if (!run) {
    throw new PackerError('SEAL_UNRECORDED', ` ${formatRef(hash)} is the seal of no run in the ledger of ${ctx.settings.runsDir}`, {
      hint: 'pass the pack folder instead, or the seal ref a pack made with this store (verify prints it)',
    });
  }
  return run;
}

/** The seal object, read from the store (fetched from the team store first) and checked against its ref. */
async function loadSeal(ctx: McpContext, hash: string, run: RunEntry): Promise<Seal> {
  await ctx.fetchMissing([hash]);
  if (!(await ctx.cas.has(hash))) {
    throw new PackerError('SEAL_UNRECORDED', ` the seal ${formatRef(hash)} is in the ledger but not in the store ${ctx.settings.casRoot}`);
  }
  const seal = parseSeal(await ctx.cas.get(hash));
  if (seal.status_ref !== run.status_ref) {
    throw new PackerError('SEAL_UNRECORDED', ` the ledger records ${formatRef(hash)} for STATUS ${run.status_ref}, the seal names ${seal.status_ref}`);
  }
  return seal;
}

/** The folder of the packs dir whose SEAL.json is the seal `hash`, if there is one. */
async function findSealedFolder(packsDir: string, hash: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await readdir(packsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
  for (const name of names) {
    const bytes = await readRegularFile(join(packsDir, name, SEAL_FILE)).catch(() => undefined);
    if (bytes !== undefined && sha256Hex(bytes) === hash) return realpath(join(packsDir, name));
  }
  return undefined;
}

/** The error for a pack file that is neither in a folder at hand nor in the store. */
function goneError(ctx: McpContext, sealed: NonNullable<OpenedPack['sealed']>, path: string): PackerError {
  return new PackerError(
    'MCP_PACK_NOT_FOUND',
    ` the pack of seal ${sealed.ref} is not in ${ctx.settings.packsDir}, and its ${path} is not in the store (the store keeps a pack's packed files, manifest, records and seal, not its SPLIT parts or meta/)`,
    {
      hint: `pass the pack folder, call pack again on the same folder (the same files make the same pack), or read its files by manifest ${sealed.run.manifest_ref} with list_files and read_file`,
    },
  );
}

async function openSealed(ctx: McpContext, ref: string): Promise<OpenedPack> {
  const hash = parseRef(ref);
  const run = await runOfSeal(ctx, hash);
  const sealed = { ref, seal: await loadSeal(ctx, hash, run), run };
  const dir = await findSealedFolder(ctx.settings.packsDir, hash);
  return {
    ...(dir !== undefined ? { dir } : {}),
    label: dir ?? ref,
    sealed,
    size: async (path) => sealed.seal.files.find((f) => f.path === path)?.bytes,
    async slice(path, request) {
      const entry = sealedEntry(sealed, path);
      if (dir !== undefined) {
        const slice = await folderSlice(dir, path, request);
        if (slice.hash !== entry.sha256) throw new PackerError('SEAL_MISMATCH', ` ${path} in ${dir} differs from the seal ${ref}`, { hint: 'verify the pack' });
        return slice;
      }
      await ctx.fetchMissing([entry.sha256]);
      if (!(await ctx.cas.has(entry.sha256))) throw goneError(ctx, sealed, path);
      const slice = await readFileSlice(ctx.cas.path(entry.sha256), request);
      if (slice.hash !== entry.sha256) throw new CorruptObjectError(entry.sha256, slice.hash, `its ${slice.bytes} bytes (${path} of seal ${ref})`);
      return slice;
    },
  };
}

/** A pack folder on this machine (the caller checked it may be read); links in its own path resolved. */
export async function openPackFolder(path: string): Promise<OpenedPack> {
  const dir = await realpath(path);
  return {
    dir,
    label: dir,
    slice: (path, request) => folderSlice(dir, path, request),
    size: async (path) => (await stat(fileIn(dir, path)).catch(() => undefined))?.size,
  };
}

/** The pack a client names: a folder (absolute, or relative to the server's root) or a seal ref. */
export async function openPack(ctx: McpContext, pack: string): Promise<OpenedPack> {
  if (pack.startsWith('sha256:')) return openSealed(ctx, pack);
  const { settings } = ctx;
  return openPackFolder(await resolveAllowedDir({ path: pack, base: settings.root, dirs: settings.readableDirs }));
}

/** The pack's folder, for work that needs every file of it (verify), or MCP_PACK_NOT_FOUND. */
export function requireFolder(ctx: McpContext, pack: OpenedPack): string {
  if (pack.dir !== undefined) return pack.dir;
  const { sealed } = pack;
  throw new PackerError('MCP_PACK_NOT_FOUND', ` the pack of seal ${sealed?.ref ?? pack.label} is not in ${ctx.settings.packsDir}`, {
    hint: sealed ? `pass the pack folder, or call pack again on the same folder; its files stay readable by manifest ${sealed.run.manifest_ref}` : 'pass the pack folder',
  });
}
