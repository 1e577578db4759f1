import { join } from 'node:path';
import { listFilesUnder, writeZip } from '../zip/index.js';
import { PENDING_ZIP } from '../packdir/index.js';

/**
 * The archive, one zip (never a zip inside a zip): every file of the finished pack, FULL, SPLIT,
 * LITE, meta/ and repo/, deflated (src/zip), named relative to the pack folder, so
 * the bytes do not depend on where the pack goes. Written inside the staging folder as
 * PENDING_ZIP (listed first, so not part of itself); publishing moves it out to `<dest>.zip`.
 */
export async function writeOuterArchive(staging: string): Promise<string> {
  const staged = join(staging, PENDING_ZIP);
  await writeZip(staged, await listFilesUnder(staging));
  return staged;
}
