import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCas, type Cas } from '../../src/index.js';
import { recordPackRun, type PackRunRecord } from '../../src/runRecord/index.js';

/** A pack-shaped folder holding only what P.2 writes (LITE/), over the given files. */
export async function makeP2Pack(
  dir: string,
  files: Record<string, string>,
  name = 'pack',
): Promise<{ cas: Cas; runsDir: string; packDir: string; run: PackRunRecord }> {
  const cas = openCas(join(dir, 'cas'));
  const runsDir = join(dir, 'runs');
  const packDir = join(dir, name);
  await mkdir(join(packDir, 'LITE'), { recursive: true });
  const entries = [];
  for (const [path, text] of Object.entries(files)) {
    const put = await cas.putBytes(Buffer.from(text));
    entries.push({ path, bytes: put.size, hash: put.hash });
  }
  const run = await recordPackRun({
    cas,
    runsDir,
    root: dir,
    scope: { key: 'repo', includeDirs: ['.'], excludedDirParts: ['.git'] },
    repoState: {},
    modes: ['LITE'],
    entries,
  });
  await writeFile(join(packDir, 'LITE', 'PACK_MANIFEST.json'), run.manifestBytes);
  await writeFile(join(packDir, 'LITE', 'RUN_REFS.json'), run.runRefsBytes);
  return { cas, runsDir, packDir, run };
}
