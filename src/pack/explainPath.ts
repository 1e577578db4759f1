/**
 * `llm-packer why PATH`: the pack's own selection (plan, collect, text rule, secret scan of that
 * one file), nothing written. Answers with the meta/OMITTED.json entry the path would get, or that
 * it is packed.
 */
import { readFileSync } from 'node:fs';
import { isTextByName } from '../scopes/index.js';
import { scanFiles } from '../secrets/index.js';
import { listOmitted, omittedLookup, type OmittedEntry } from '../select/index.js';
import { PackerError } from '../util/index.js';
import type { SourceFile } from '../walk/index.js';
import { planPack } from './planPack.js';
import { collect, defaultPackDeps } from './runPack.js';
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

/** Text rule and secret scan for a file the walk selected (what the screen stage would decide). */
async function screenOne(file: SourceFile, plan: Awaited<ReturnType<typeof planPack>>, deps: PackDeps): Promise<OmittedEntry | undefined> {
  const { scope } = plan;
  const bytes = readSource(file);
  const text = scope.textRule === 'extension' ? isTextByName(file.rootPath) : deps.isTextContent(bytes);
  const { mode, allow } = plan.selection.secrets;
  const scan = text
    ? await scanFiles({ files: [file], mode, allow, isText: () => true, concurrency: 1, read: () => bytes })
    : { findings: [] };
  const entries = listOmitted({ ignored: [], binary: text ? [] : [file.rootPath], textRule: scope.textRule, findings: scan.findings });
  return entries[0];
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
  const { selection } = await collect(plan, deps);
  const path = options.path.replace(/\/+$/, '');
  const find = omittedLookup(selection.ignored);
  const ignored = find(path) ?? find(`${path}/`);
  if (ignored) return { path, packed: false, entry: ignored };
  const binary = selection.omitted.find((f) => f.rootPath === path);
  if (binary) return { path, packed: false, entry: listOmitted({ ignored: [], binary: [path], textRule: 'extension', findings: [] })[0] as OmittedEntry };
  const file = selection.files.find((f) => f.rootPath === path);
  if (file === undefined) {
    throw new PackerError('INPUT_NOT_FOUND', ` ${path}: is not a file in the packed root`);
  }
  const entry = await screenOne(file, plan, deps);
  return entry ? { path, packed: false, entry } : { path, packed: true };
}
