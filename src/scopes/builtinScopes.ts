import type { BuiltinScopeName } from '../config/index.js';
import { DEFAULT_LIMITS, type Scope } from './types.js';

const AGS_EXCLUDED_PARTS = [
  '.git', 'BUILD', '_runs', '_generated', '_packs', 'LAB', 'Original', 'ORIGINAL',
  'research', 'RESEARCH', '__pycache__', 'node_modules',
];
const LAB_EXCLUDED_PARTS = ['.git', 'BUILD', '_runs', '_generated', '_packs', '__pycache__', 'node_modules'];

/** Common to the three AGS scopes: docs/FORMATS.md §10's selection, text by extension, AGS sections. */
const AGS_RULES = {
  selection: 'ags',
  includeGlobs: [],
  excludeGlobs: [],
  textRule: 'extension',
  sections: 'ags',
  limits: DEFAULT_LIMITS,
} as const;

/**
 * The built-in scopes. `ags`, `lab` and `cat_cas` are exactly docs/FORMATS.md §10 (their manifests must
 * match the original byte for byte); `repo` packs any repository the way git would ship it.
 */
export const BUILTIN_SCOPES: Readonly<Record<BuiltinScopeName, Scope>> = {
  ags: {
    ...AGS_RULES,
    key: 'ags',
    title: 'Agent Governance System (AGS)',
    prefix: 'AGS',
    sourceRoot: '.',
    includeDirs: ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', '.github'],
    rootFiles: ['README.md', 'LICENSE', 'AGENTS.md', '.gitignore', '.gitattributes', '.editorconfig'],
    excludedDirParts: AGS_EXCLUDED_PARTS,
    anchors: ['README.md', 'AGENTS.md'],
  },
  lab: {
    ...AGS_RULES,
    key: 'lab',
    title: 'LAB (THOUGHT/LAB)',
    prefix: 'LAB',
    sourceRoot: 'THOUGHT/LAB',
    includeDirs: ['THOUGHT/LAB'],
    rootFiles: [],
    excludedDirParts: LAB_EXCLUDED_PARTS,
    anchors: ['THOUGHT/LAB/README.md'],
  },
  cat_cas: {
    ...AGS_RULES,
    key: 'cat_cas',
    title: 'CAT_CAS (Catalytic Substrate Lab)',
    prefix: 'CAT',
    sourceRoot: 'THOUGHT/LAB/CAT_CAS',
    includeDirs: ['THOUGHT/LAB/CAT_CAS'],
    rootFiles: [],
    excludedDirParts: LAB_EXCLUDED_PARTS,
    anchors: ['THOUGHT/LAB/CAT_CAS/README.md'],
  },
  repo: {
    key: 'repo',
    title: 'Repository',
    prefix: 'REPO',
    sourceRoot: '.',
    includeDirs: ['.'],
    rootFiles: [],
    excludedDirParts: ['.git'],
    selection: 'gitignore',
    includeGlobs: [],
    excludeGlobs: [],
    textRule: 'content',
    anchors: ['{README,Readme,readme}*', 'AGENTS.md'],
    sections: 'top-level',
    limits: DEFAULT_LIMITS,
  },
};

