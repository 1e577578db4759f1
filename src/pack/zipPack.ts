import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { packPaths } from '../bundle/index.js';
import { listFilesUnder, writeZip } from '../zip/index.js';

/** archive/pack.zip holds meta/ and repo/; repo/ then lives only in the archive. */
export async function writeInnerArchive(staging: string): Promise<void> {
  const entries = [...(await listFilesUnder(join(staging, 'meta'), 'meta/')), ...(await listFilesUnder(join(staging, 'repo'), 'repo/'))];
  await writeZip(join(staging, packPaths.archive), entries);
  await rm(join(staging, 'repo'), { recursive: true, force: true });
}

/**
 * The external archive: every file of the finished pack, named relative to the pack folder, so
 * the bytes do not depend on where the pack goes. Written to a staging name beside the destination;
 * publishing renames it to `<dest>.zip`.
 */
export async function writeOuterArchive(staging: string, dest: string): Promise<string> {
  const staged = join(dirname(dest), `.${basename(dest)}.zip.${randomBytes(6).toString('hex')}.tmp`);
  await writeZip(staged, await listFilesUnder(staging));
  return staged;
}
