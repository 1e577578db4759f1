import { runBuilt, type CliResult } from '../helpers/cli.js';

/** Run the built CLI with a umask (022 unless given), as the pack tests do. */
export function runBuiltWithUmask(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; umask?: string },
): Promise<CliResult> {
  return runBuilt(argv, { ...options, umask: options.umask ?? '022' });
}

/** An AGS tree with one marker per text file and a few files the rules leave out. */
export const AGS_FILES: Record<string, string | Uint8Array> = {
  'README.md': '# Demo MARKER_README\n',
  'AGENTS.md': 'MARKER_AGENTS\n',
  'LAW/rules.md': 'MARKER_LAW one\r\ntwo\r\n',
  'LAW/UPPER.MD': 'MARKER_UPPER\n',
  'CAPABILITY/tools/tool.py': "print('MARKER_TOOL')\n",
  'NAVIGATION/fences.md': 'MARKER_FENCES\n````\ninside\n````\n```` ``` `````` x\n',
  'DIRECTION/plan.txt': 'MARKER_PLAN\rold mac line\r',
  'THOUGHT/idea.json': '{"MARKER_IDEA": true}\n',
  'MEMORY/notes.txt': 'MARKER_NOTES\n',
  'MEMORY/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x42, 0x49, 0x4e]),
  'MEMORY/NOEXT': 'BINARY_NOEXT\n',
  'MEMORY/trailingdot.': 'BINARY_TRAILINGDOT\n',
  'MEMORY/ARCHIVE/old.md': 'EXCLUDED_ARCHIVE\n',
  'THOUGHT/node_modules/dep.js': 'EXCLUDED_NODE_MODULES\n',
  '.github/ci.yml': 'MARKER_CI: true\n',
};

export const TEXT_MARKERS = [
  'MARKER_README', 'MARKER_AGENTS', 'MARKER_LAW', 'MARKER_UPPER', 'MARKER_TOOL', 'MARKER_FENCES',
  'MARKER_PLAN', 'MARKER_IDEA', 'MARKER_NOTES', 'MARKER_CI',
];
export const ABSENT_MARKERS = ['BINARY_NOEXT', 'BINARY_TRAILINGDOT', 'EXCLUDED_ARCHIVE', 'EXCLUDED_NODE_MODULES', 'BIN'];
