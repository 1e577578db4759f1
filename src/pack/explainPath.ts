/**
 * `llm-packer why PATH`: the pack's own selection (plan, collect, text rule, secret scan of that
 * one file), nothing written. Answers with the meta/OMITTED.json entry the path would get, or that
 * it is packed.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { isTextByName } from '../scopes/index.js';
import { scanFiles } from '../secrets/index.js';
import { listOmitted, omittedLookup, tooLargeEntry, type OmittedEntry } from '../select/index.js';
import { PackerError } from '../util/index.js';
import type { SourceFile } from '../walk/index.js';
import { planPack } from './planPack.js';
import { collect, defaultPackDeps } from './runPack.js';
import { entryLimitError, sniffFile } from './screenFiles.js';
import { sourceError } from './sourceError.js';
import type { PackDeps, RunPackOptions } from './types.js';

/** The options of a pack ({@link RunPackOptions}), and the path to explain. */
export interface ExplainPathOptions extends Omit<RunPackOptions, 'onProgress' | 'modes' | 'zip' | 'stamp'> {
  /** The path asked about, relative to the packed root, `/`-separated. */
  path: string;
}

/**
 * Whether a path is packed; when it is not, the omitted entry says why (the reason, the rule and
 * where the rule was written), as meta/OMITTED.json would list it.
 */
export type Explanation =
  | { path: string; packed: true }
  | { path: string; packed: false; entry: OmittedEntry };

function readSource(file: SourceFile): Buffer {
  try {
    return readFileSync(file.absPath);
  } catch (err) {
    throw sourceError(err, file.path);
  }
}

const binaryEntry = (path: string, textRule: 'extension' | 'content'): OmittedEntry =>
  listOmitted({ ignored: [], binary: [path], textRule, findings: [] })[0] as OmittedEntry;

/**
 * A file over the per-file limit, as the screen stage decides it: not text by its first bytes
 * (binary), else left out as too large, or the pack refused where the scope refuses.
 */
async function screenLarge(file: SourceFile, plan: Awaited<ReturnType<typeof planPack>>, deps: PackDeps): Promise<OmittedEntry> {
  const { scope } = plan;
  const text = scope.textRule === 'extension' ? isTextByName(file.rootPath) : await sniffFile(file, deps.isTextContent);
  if (!text) return binaryEntry(file.rootPath, scope.textRule);
  if (plan.selection.oversize === 'refuse') throw entryLimitError(file, scope.limits);
  return tooLargeEntry(file.rootPath, file.size, scope.limits.maxEntryBytes);
}

/** Text rule, size and secret scan for a file the walk selected (what the screen stage would decide). */
async function screenOne(file: SourceFile, plan: Awaited<ReturnType<typeof planPack>>, deps: PackDeps): Promise<OmittedEntry | undefined> {
  const { scope } = plan;
  if (file.size > scope.limits.maxEntryBytes) return screenLarge(file, plan, deps);
  const bytes = readSource(file);
  const text = scope.textRule === 'extension' ? isTextByName(file.rootPath) : deps.isTextContent(bytes);
  const { mode, allow } = plan.selection.secrets;
  const scan = text
    ? await scanFiles({ files: [file], mode, allow, isText: () => true, concurrency: 1, read: () => bytes })
    : { findings: [] };
  const entries = listOmitted({ ignored: [], binary: text ? [] : [file.rootPath], textRule: scope.textRule, findings: scan.findings });
  return entries[0];
}

const TOOL_FOLDERS_RULE = "llm-packer's own folders (store, runs, packs, earlier packs) are never packed";

/** Whether `path` lies in one of llm-packer's own folders (`own`, as the walk skipped them). */
function isToolPath(root: string, own: readonly string[], path: string): boolean {
  const abs = join(root, ...path.split('/'));
  return own.some((dir) => {
    const rel = relative(dir, abs);
    return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
  });
}

/**
 * Why `options.path` is or is not packed, by the rules a pack with the same options would apply
 * (`llm-packer why`). Reads the tree and its config; writes nothing.
 *
 * @param options - The pack's options (absolute `root`) and `path`, relative to the root, `/`-separated.
 * @param overrides - For tests only: replace single steps.
 * @returns `{ path, packed: true }`, or `{ path, packed: false, entry }` with the reason.
 * @throws {@link PackerError} `USAGE` for a relative root; `INPUT_NOT_FOUND` when the path does not
 *   exist under the root; config and scope errors as {@link runPack} throws them.
 */
export async function explainPath(options: ExplainPathOptions, overrides: Partial<PackDeps> = {}): Promise<Explanation> {
  const deps: PackDeps = { ...defaultPackDeps, ...overrides };
  const plan = await planPack(options, deps);
  const { selection, exclude } = await collect(plan, deps);
  const path = options.path.replace(/\/+$/, '');
  const find = omittedLookup(selection.ignored);
  const ignored = find(path) ?? find(`${path}/`);
  if (ignored) return { path, packed: false, entry: ignored };
  const binary = selection.omitted.find((f) => f.rootPath === path);
  if (binary) return { path, packed: false, entry: binaryEntry(path, 'extension') };
  const file = selection.files.find((f) => f.rootPath === path);
  if (file === undefined && isToolPath(plan.root, exclude, path)) {
    // Not in meta/OMITTED.json (these folders come and go with the runs, the pack must not).
    return { path, packed: false, entry: { path, reason: 'scope', rule: TOOL_FOLDERS_RULE } };
  }
  if (file === undefined) {
    throw new PackerError('INPUT_NOT_FOUND', ` ${path}: is not a file in the packed root`);
  }
  const entry = await screenOne(file, plan, deps);
  return entry ? { path, packed: false, entry } : { path, packed: true };
}
