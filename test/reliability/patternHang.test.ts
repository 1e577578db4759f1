/**
 * Patterns that made `pack` backtrack for minutes (issue 16): a `.gitignore` line that the
 * `ignore` package matched in time exponential in its `**`, and a config glob picomatch matched
 * in time polynomial of high degree in the name's length. Now each pack finishes well inside the
 * child's timeout (a hang fails the test; nothing here is timed), and a refused pattern is one
 * line naming it and its file and line.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { errorLines, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn } from './packCheck.js';

const TIMEOUT = { timeoutMs: 90_000 };

test('a .gitignore line with nine `**` over a 60-deep tree: packed at once, as git would', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const deep = Array.from({ length: 60 }, () => 'a').join('/');
  const files = { [`${deep}/keep.txt`]: 'kept\n', 'top.txt': 'top\n' };
  await writeFiles(root, { ...files, [`${deep}/b`]: 'ignored\n', '.gitignore': `${'**/a/'.repeat(9)}b\n` });
  const place = placeIn(join(dir, 'place'));
  await mkdir(place.dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(r.code, 0, r.stderr);
  await checkPackTruth(place, { ...files, '.gitignore': `${'**/a/'.repeat(9)}b\n` });
});

test('a config exclude glob `*a*a*a*a*a*a*b` on a 200-character name: packed at once, as picomatch would answer', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const config = JSON.stringify({ scopes: { slow: { exclude: [`${'*a'.repeat(6)}*b`] } } });
  const files = { [`${'a'.repeat(200)}.txt`]: 'kept\n', 'ab.b': 'kept: one a\n', 'sub/aaaaaab': 'kept: * stops at /\n', 'llm-packer.config.json': config };
  await writeFiles(root, { ...files, 'aaaaaab': 'excluded\n', 'xaaaaaab': 'excluded\n' });
  const place = placeIn(join(dir, 'place'));
  await mkdir(place.dir);
  const r = await packWithCli(place, root, ['--scope', 'slow'], TIMEOUT);
  assert.equal(r.code, 0, r.stderr);
  await checkPackTruth(place, files);
});

test('a refused pattern is one line naming it, its file and its line (exit 2, no pack)', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
  await writeFile(join(root, 'sub', '.gitignore'), `*.log\n${'x'.repeat(5000)}\n`);
  const place = placeIn(join(dir, 'place'));
  await mkdir(place.dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(r.code, 2, r.stderr);
  const lines = errorLines(r.stderr);
  assert.equal(lines.length, 1, JSON.stringify(lines));
  assert.match(lines[0]!, /^PATTERN_INVALID: pattern "x+\.\.\." \(from sub\/\.gitignore:2\): longer than 4096 characters \(5000\)/);
});
