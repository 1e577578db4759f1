/** The render stage: meta/, its one writer (FULL/ and SPLIT/ are the bodies stage's, LITE/ the LITE stage's). */
import { join } from 'node:path';
import { renderMetaFiles, type BundleContext } from '../bundle/index.js';
import { writeFileDurable } from '../util/index.js';

export async function writePackDocs(staging: string, ctx: BundleContext): Promise<void> {
  for (const [path, text] of renderMetaFiles(ctx)) await writeFileDurable(join(staging, path), text);
}
