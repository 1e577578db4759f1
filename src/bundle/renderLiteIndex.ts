import { LITE_FILES } from '../packdir/index.js';
import type { Scope } from '../scopes/index.js';
import { displayPath, fenceFor, longestBacktickRun } from './fenceText.js';
import { plural } from './plural.js';
import type { PackedFile } from './types.js';

/** LITE's human index: paths, sizes and store refs only. It never holds a file's text. */
export function renderLiteIndex(scope: Scope, files: readonly PackedFile[]): string {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const rows = files.map((f) => `sha256:${f.hash}  ${String(f.bytes).padStart(10)}  ${displayPath(f.path)}`);
  const body = rows.length > 0 ? `${rows.join('\n')}\n` : '';
  const fence = fenceFor(longestBacktickRun(Buffer.from(body, 'utf8')));
  const rootNote = scope.sourceRoot === '.' ? 'the packed root' : `\`${scope.sourceRoot}\` under the packed root`;
  return [
    `# ${scope.title}: LITE index`,
    '',
    'No file text lives here. Each packed file is named by the reference of its bytes in the',
    `content-addressed store, its size and its path (relative to ${rootNote}).`,
    `${LITE_FILES.manifest} beside this file is the same list for machines; ${LITE_FILES.runRefs} names the run`,
    'records that prove the run passed its audit.',
    '',
    `${plural(files.length, 'file')}, ${plural(total, 'byte')}.`,
    '',
    `${fence}text`,
    `${body}${fence}`,
    '',
  ].join('\n');
}
