/** Check a pack folder against its seal, file by file: changed, missing, extra. */
import { hashFile } from '../cas/index.js';
import { compareCodePoints, isErrno, mapLimit } from '../util/index.js';
import { listPackFiles } from './listPackFiles.js';
import type { Seal } from './sealFormat.js';

export interface SealProblem {
  kind: 'changed' | 'missing' | 'extra';
  path: string;
  detail?: string;
}

export async function compareToSeal(packDir: string, seal: Seal, concurrency = 8): Promise<SealProblem[]> {
  const present = await listPackFiles(packDir);
  const sealed = new Map(seal.files.map((f) => [f.path, f]));
  const problems: SealProblem[] = [];
  for (const e of present) if (!sealed.has(e.path)) problems.push({ kind: 'extra', path: e.path });
  const byPath = new Map(present.map((e) => [e.path, e]));
  await mapLimit(seal.files, concurrency, async (f) => {
    const e = byPath.get(f.path);
    if (!e) return void problems.push({ kind: 'missing', path: f.path });
    if (!e.regular) return void problems.push({ kind: 'changed', path: f.path, detail: 'not a regular file' });
    try {
      const got = await hashFile(e.abs);
      if (got.size !== f.bytes) problems.push({ kind: 'changed', path: f.path, detail: `${got.size} bytes, sealed ${f.bytes}` });
      else if (got.hash !== f.sha256) problems.push({ kind: 'changed', path: f.path, detail: 'content differs' });
    } catch (err) {
      if (!isErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
      problems.push({ kind: 'missing', path: f.path });
    }
  });
  return problems.sort((a, b) => compareCodePoints(a.path, b.path));
}
