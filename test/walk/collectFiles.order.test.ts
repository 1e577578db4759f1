// Property: the answer is in code-point order of `path` and does not depend on listing order.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { compareCodePoints } from '../../src/util/index.js';
import { collectFiles, type WalkDeps } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './fixtures.js';

// Lower case only (no case-folding collisions), no `.`, and characters whose UTF-16 order differs
// from their code-point order (U+FF5A sorts before U+1F600 by code point, after it by UTF-16 unit).
const CHARS = ['a', 'b', 'z', '0', '-', '_', '~', '\uff5a', '\u{1f600}', '\u{10000}'];
const component = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
const filePath = fc.array(component, { minLength: 1, maxLength: 3 }).map((parts) => `${parts.join('/')}.md`);
// No file may also be a folder of another file.
const fileSet = fc.uniqueArray(filePath, { minLength: 1, maxLength: 12 }).map((paths) => {
  const dirs = new Set(paths.flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  return paths.filter((p) => !dirs.has(p));
});

/** A `readdir` that lists each folder in an order drawn from `seed`. */
function shuffledReaddir(seed: number): WalkDeps['readdir'] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return entries;
  };
}

test('collectFiles: code-point order, whatever order folders are listed in', async (t) => {
  const base = await tempDir(t);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fileSet, fc.integer(), async (paths, seed) => {
      const root = join(base, String(run++));
      await writeTree(root, Object.fromEntries(paths.map((p) => [`LAW/${p}`, p])));
      const expected = paths.map((p) => `LAW/${p}`).sort(compareCodePoints);
      for (const scope of [BUILTIN_SCOPES.repo, BUILTIN_SCOPES.ags]) {
        const plain = await collectFiles({ root, scope, exclude: [] });
        const shuffled = await collectFiles({ root, scope, exclude: [], deps: { readdir: shuffledReaddir(seed) } });
        assert.deepEqual(plain.files.map((f) => f.path), expected);
        assert.deepEqual(shuffled, plain);
      }
    }),
    { numRuns: 25 },
  );
});
