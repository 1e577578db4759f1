// Freeze the build for one benchmark session. dist/ lives in a shared work tree and may be rebuilt
// while the benchmark runs; every measured pack must run the same code. So bin/ and dist/ are
// copied into the session folder (node_modules linked, so imports resolve as before), and a digest
// of the copied files is recorded with the results.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** SHA-256 over every file's relative path and bytes, in sorted path order. */
export function digestTree(dir) {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) {
    hash.update(`${relative(dir, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** @returns {{ packBin: string, distDigest: string }} the launcher inside the frozen copy */
export function snapshotBuild(session, repoRoot) {
  const dir = session.dir('build');
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { packBin: join(dir, 'bin', 'llm-packer.js'), distDigest: digestTree(join(dir, 'dist')) };
}
