/**
 * Does this runs dir hold the roots of this store? `gc`, `audit` and `pack` ask before they read
 * or change anything, so a foreign runs dir can never make a collection delete live objects.
 *
 *   both bound, same id             → the pair
 *   both bound, other ids           → refused
 *   store bound, runs dir not       → refused (the store's roots live elsewhere)
 *   runs dir bound, store empty     → the pair (a new store; `write` binds it)
 *   neither bound (made by an older release, or brand new):
 *     store empty, or every root of the runs dir is in the store, or (`acceptNewRunsDir`) the
 *     runs dir has no roots and no runs yet → the pair (`write` binds it: first use)
 *     runs dir with no roots, or roots that cannot be read → accepted, not bound (gc then fails
 *     closed, or empties the store only when told to with --allow-empty-roots)
 *   anything else                   → refused
 * (`acceptUnbound`: a read-only audit takes any pair that neither half claims.)
 * Refusal is `STORE_NOT_BOUND` (exit 2) with a hint naming `llm-packer bind`; nothing is changed.
 */
import { access, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openCas } from '../cas/index.js';
import { ROOT_FILES, ROOT_SOURCE_NAMES, readRoots } from '../roots/index.js';
import { LEDGER_FILE } from '../runs/index.js';
import { PackerError, isErrno } from '../util/index.js';
import { newBindingId, readRunsBinding, readStoreBinding, writeBinding } from './bindingFiles.js';

export interface CheckBindingOptions {
  casRoot: string;
  runsDir: string;
  /** Write the binding when the pair is accepted unbound (first use). Creates no folder. */
  write: boolean;
  /** Accept an unbound store with objects next to a runs dir with no roots yet (a first pack). */
  acceptNewRunsDir?: boolean;
  /** Accept any pair where neither half is bound, without judging it (a read-only audit). */
  acceptUnbound?: boolean;
}

export type BindingState = 'bound' | 'bound-now' | 'unbound-accepted';

const HEX1 = /^[0-9a-f]$/;

/** True when the store holds at least one object (stops at the first). */
async function hasAnyObject(casRoot: string): Promise<boolean> {
  const list = async (dir: string) => {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
      throw err;
    }
  };
  for (const a of await list(casRoot)) {
    if (!a.isDirectory() || !HEX1.test(a.name)) continue;
    for (const b of await list(join(casRoot, a.name))) {
      if (b.isDirectory() && (await list(join(casRoot, a.name, b.name))).some((c) => c.isFile())) return true;
    }
  }
  return false;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function refuse(casRoot: string, runsDir: string, why: string): PackerError {
  return new PackerError('STORE_NOT_BOUND', ` the runs dir ${runsDir} does not hold the roots of the store ${casRoot}: ${why}`, {
    hint: `pass the runs dir of this store, or bind this one (a collection then keeps only its roots): llm-packer bind --cas-root ${casRoot} --runs-dir ${runsDir}`,
  });
}

/**
 * An unbound pair: 'pair' (bind it on first use), 'keep' (accept, bind nothing: a runs dir whose
 * roots cannot be read or that has none, where gc fails closed or was told to empty the store),
 * or why it is no pair.
 */
async function judgeUnbound(options: CheckBindingOptions, storeHasObjects: boolean): Promise<'pair' | 'keep' | string> {
  const { casRoot, runsDir } = options;
  if (!storeHasObjects) return 'pair';
  let all: Set<string>;
  try {
    all = (await readRoots(runsDir)).all;
  } catch {
    return 'keep'; // malformed or unreadable roots: every command reports them and deletes nothing
  }
  if (all.size === 0) {
    const ledger = await exists(join(runsDir, LEDGER_FILE));
    const hasRootFiles = (await Promise.all(ROOT_SOURCE_NAMES.map((n) => exists(join(runsDir, ROOT_FILES[n]))))).some(Boolean);
    return options.acceptNewRunsDir && !ledger && !hasRootFiles ? 'pair' : 'keep';
  }
  const cas = openCas(casRoot);
  const absent = [];
  for (const h of all) if (!(await cas.has(h))) absent.push(h);
  if (absent.length === 0) return 'pair';
  return `neither is bound, and ${absent.length} of the runs dir's ${all.size} roots are not in the store`;
}

export async function checkStoreBinding(options: CheckBindingOptions): Promise<BindingState> {
  const { casRoot, runsDir } = options;
  const [store, runs] = await Promise.all([readStoreBinding(casRoot), readRunsBinding(runsDir)]);
  if (store && runs) {
    if (store.binding === runs.binding) return 'bound';
    throw refuse(casRoot, runsDir, `the store is bound to ${store.peer}, the runs dir to ${runs.peer}`);
  }
  if (store) throw refuse(casRoot, runsDir, `the store is bound to the runs dir ${store.peer}`);
  const storeHasObjects = await hasAnyObject(casRoot);
  if (runs) {
    if (storeHasObjects) throw refuse(casRoot, runsDir, `the runs dir is bound to the store ${runs.peer}`);
    if (!options.write) return 'unbound-accepted';
    await bindFolders(casRoot, runsDir, runs.binding);
    return 'bound-now';
  }
  const verdict = options.acceptUnbound ? 'keep' : await judgeUnbound(options, storeHasObjects);
  if (verdict !== 'pair' && verdict !== 'keep') throw refuse(casRoot, runsDir, verdict);
  if (!options.write || verdict === 'keep') return 'unbound-accepted';
  await bindFolders(casRoot, runsDir, newBindingId());
  return 'bound-now';
}

async function bindFolders(casRoot: string, runsDir: string, binding: string): Promise<void> {
  await mkdir(casRoot, { recursive: true });
  await mkdir(runsDir, { recursive: true });
  await writeBinding(casRoot, runsDir, binding);
}
