import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listFilesUnder, writeZip } from '../zip/index.js';
import { PACK_FOLDERS, PENDING_ZIP, packPaths } from '../packdir/index.js';

/** archive/pack.zip holds meta/ and repo/; repo/ then lives only in the archive. */
export async function writeInnerArchive(staging: string): Promise<void> {
  const { meta, repo } = PACK_FOLDERS;
  const entries = [...(await listFilesUnder(join(staging, meta), `${meta}/`)), ...(await listFilesUnder(join(staging, repo), `${repo}/`))];
  await writeZip(join(staging, packPaths.archive), entries);
  await rm(join(staging, repo), { recursive: true, force: true });
}

/**
 * The external archive: every file of the finished pack, named relative to the pack folder, so
 * the bytes do not depend on where the pack goes. Written inside the staging folder as
 * PENDING_ZIP (listed first, so not part of itself); publishing moves it out to `<dest>.zip`.
 */
export async function writeOuterArchive(staging: string): Promise<string> {
  const staged = join(staging, PENDING_ZIP);
  await writeZip(staged, await listFilesUnder(staging));
  return staged;
}
