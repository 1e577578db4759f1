/**
 * The names inside a pack folder (docs/FORMATS.md "Pack layout"); one owner for each. Every
 * module that writes or reads a pack takes its folder and file names from here.
 */
import { basename, dirname } from 'node:path';

/** Output modes, in the order TASK_SPEC lists them (docs/FORMATS.md §4). */
export const PACK_MODES = ['FULL', 'SPLIT', 'LITE'] as const;
export type PackMode = (typeof PACK_MODES)[number];

/** The top-level folders of a pack. */
export const PACK_FOLDERS = {
  meta: 'meta',
  repo: 'repo',
  FULL: 'FULL',
  SPLIT: 'SPLIT',
  LITE: 'LITE',
} as const;

/** File names inside `LITE/` (docs/FORMATS.md §6, §7). */
export const LITE_FILES = {
  manifest: 'PACK_MANIFEST.json',
  runRefs: 'RUN_REFS.json',
} as const;

/** Pack-relative paths (`/`-separated) of every named file. */
export const packPaths = {
  fullFile: (prefix: string, stamp: string, ext = 'md') => `FULL/${prefix}-FULL-${stamp}.${ext}`,
  treemapFile: (prefix: string, stamp: string) => `FULL/${prefix}-FULL-TREEMAP-${stamp}.md`,
  splitIndex: (prefix: string) => `SPLIT/${prefix}-00_INDEX.md`,
  splitSection: (fileName: string) => `SPLIT/${fileName}`,
  liteIndex: (prefix: string) => `LITE/${prefix}-00_INDEX.md`,
  liteManifest: `LITE/${LITE_FILES.manifest}`,
  liteRunRefs: `LITE/${LITE_FILES.runRefs}`,
  meta: {
    startHere: 'meta/START_HERE.md',
    entrypoints: 'meta/ENTRYPOINTS.md',
    fileTree: 'meta/FILE_TREE.txt',
    fileIndex: 'meta/FILE_INDEX.json',
    repoState: 'meta/REPO_STATE.json',
    packInfo: 'meta/PACK_INFO.json',
    provenance: 'meta/PROVENANCE.json',
    omitted: 'meta/REPO_OMITTED_BINARIES.json',
    tokens: 'meta/TOKENS.json',
    gitDiff: 'meta/GIT_DIFF.patch',
    gitLog: 'meta/GIT_LOG.json',
    omittedReasons: 'meta/OMITTED.json',
    secrets: 'meta/SECRETS.json',
  },
} as const;

/**
 * At the pack root: the seal (every other file with its size and SHA-256, docs/FORMATS.md §13), and
 * the store locator (where the store was, relative to the pack; the one file the seal leaves out).
 */
export const SEAL_FILE = 'SEAL.json';
export const STORE_LOCATOR_FILE = 'STORE.json';

/** Stamps name files, so they are limited to a safe alphabet. */
export const STAMP_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The default name of a pack folder under the packs dir: `llm-pack-<scope>-<digest12>`, and for
 * output that is not the default, what differs (`-xml`, `-cl100k_base`, `-t20000`, `-no-split`,
 * `-diff`, `-log5`), so packs of one tree made different ways never replace one another.
 */
export function defaultPackName(scopeKey: string, digest: string, variant: readonly string[] = []): string {
  return [`llm-pack-${scopeKey}-${digest.slice(0, 12)}`, ...variant].join('-');
}

/**
 * The pack folder a path names: the folder itself, or the pack of its `LITE/PACK_MANIFEST.json`
 * (absolute path in, absolute path out; a `sha256:` ref names no folder and is not passed here).
 */
export function packDirOfPath(path: string): string {
  const isManifest = basename(path) === LITE_FILES.manifest && basename(dirname(path)) === PACK_FOLDERS.LITE;
  return isManifest ? dirname(dirname(path)) : path;
}
