/**
 * The LITE stage, the one writer of `LITE/`: the human index, and the manifest and RUN_REFS bytes
 * the P.2 step produced (docs/FORMATS.md §6, §7). Runs after the P.2 step, so a LITE folder exists
 * only for a run whose audit passed.
 */
import { join } from 'node:path';
import { renderLiteIndex, type PackedFile } from '../bundle/index.js';
import { packPaths } from '../packdir/index.js';
import type { PackRunRecord } from '../runRecord/index.js';
import type { Scope } from '../scopes/index.js';
import { writeFileDurable } from '../util/index.js';

export async function writeLite(input: {
  staging: string;
  scope: Scope;
  files: readonly PackedFile[];
  record: Pick<PackRunRecord, 'manifestBytes' | 'runRefsBytes'>;
}): Promise<void> {
  const { staging, scope, record } = input;
  await writeFileDurable(join(staging, packPaths.liteIndex(scope.prefix)), renderLiteIndex(scope, input.files));
  await writeFileDurable(join(staging, packPaths.liteManifest), record.manifestBytes);
  await writeFileDurable(join(staging, packPaths.liteRunRefs), record.runRefsBytes);
}
