/**
 * What llm-packer itself writes inside a packed root, so that no pack ever packs it: the store,
 * runs dir and packs dir in use (and the out dir with its archive), our `.llm-packer/` folder,
 * and — whichever layout this run uses — the other layout's store and packs folders and the
 * files we write into a runs dir (the AGS runs dir `CAPABILITY/RUNS` also holds source files,
 * so only our files there are left out).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { STORE_LAYOUTS, TOOL_DIR_NAME, type StoreLocations } from '../config/index.js';
import { ROOT_FILES, ROOTS_LOCK_NAME } from '../roots/index.js';
import { LEDGER_FILE } from '../runs/index.js';
import { isErrno } from '../util/index.js';
import { RUNS_BINDING_FILE } from './bindingFiles.js';
import { isWithin } from './checkLocations.js';

/** The files llm-packer writes into a runs dir. */
const RUNS_DIR_TOOL_FILES: readonly string[] = [
  ROOT_FILES.RUN_ROOTS,
  ROOT_FILES.GC_PINS,
  LEDGER_FILE,
  RUNS_BINDING_FILE,
  ROOTS_LOCK_NAME,
];

/** Absolute paths (folders and files) the walk of `root` must never pack. */
export function toolPaths(root: string, locations: StoreLocations, outDir?: string): string[] {
  const out = outDir === undefined ? [] : [outDir, `${outDir}.zip`];
  const layouts = Object.values(STORE_LAYOUTS).flatMap((l) => [
    resolve(root, l.casRoot),
    resolve(root, l.packsDir),
    ...RUNS_DIR_TOOL_FILES.map((f) => resolve(root, l.runsDir, f)),
  ]);
  return [locations.casRoot, locations.runsDir, locations.packsDir, ...out, resolve(root, TOOL_DIR_NAME), ...layouts];
}

/**
 * When a location lies in `<root>/.llm-packer/`, that folder holds a `.gitignore` of `*`, so
 * `git status` stays clean after a pack. An existing `.gitignore` there is left as it is.
 */
export async function ensureToolDirIgnored(root: string, locations: StoreLocations, options: { packsDirUsed: boolean }): Promise<void> {
  const toolDir = resolve(root, TOOL_DIR_NAME);
  const places = [locations.casRoot, locations.runsDir, ...(options.packsDirUsed ? [locations.packsDir] : [])];
  const used = places.some((p) => isWithin(p, toolDir));
  if (!used) return;
  await mkdir(toolDir, { recursive: true });
  try {
    await writeFile(join(toolDir, '.gitignore'), '# written by llm-packer: nothing in here belongs in git\n*\n', { flag: 'wx' });
  } catch (err) {
    if (!isErrno(err, 'EEXIST')) throw err;
  }
}
