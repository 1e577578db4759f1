/** File names inside a pack (PRODUCT.md "Pack layout"); one owner for each. */
export const packPaths = {
  fullFile: (prefix: string, stamp: string) => `FULL/${prefix}-FULL-${stamp}.md`,
  treemapFile: (prefix: string, stamp: string) => `FULL/${prefix}-FULL-TREEMAP-${stamp}.md`,
  splitIndex: (prefix: string) => `SPLIT/${prefix}-00_INDEX.md`,
  liteIndex: (prefix: string) => `LITE/${prefix}-00_INDEX.md`,
  liteManifest: 'LITE/PACK_MANIFEST.json',
  liteRunRefs: 'LITE/RUN_REFS.json',
  archive: 'archive/pack.zip',
  meta: {
    startHere: 'meta/START_HERE.md',
    entrypoints: 'meta/ENTRYPOINTS.md',
    fileTree: 'meta/FILE_TREE.txt',
    fileIndex: 'meta/FILE_INDEX.json',
    repoState: 'meta/REPO_STATE.json',
    packInfo: 'meta/PACK_INFO.json',
    provenance: 'meta/PROVENANCE.json',
    omitted: 'meta/REPO_OMITTED_BINARIES.json',
  },
} as const;

/** Stamps name files, so they are limited to a safe alphabet. */
export const STAMP_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
