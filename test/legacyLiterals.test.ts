import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// PRODUCT.md property 4: legacy folder names never appear as literals in sources or docs.
const LEGACY = /\b(CANON|CONTEXT|MAPS|SKILLS|CONTRACTS|CORTEX|TOOLS)\//;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('no legacy folder literal in src/, scripts/, schema/ or the Markdown docs', async () => {
  const docs = (await readdir(ROOT)).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, f));
  const files = [...(await filesUnder('src')), ...(await filesUnder('scripts')), ...(await filesUnder('schema')), ...docs];
  assert.ok(files.length > 20, 'the scan must see the sources');
  const hits: string[] = [];
  for (const file of files) {
    (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
      if (LEGACY.test(line)) hits.push(`${file.slice(ROOT.length)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the legacy pattern itself catches a literal (the scan can fail)', () => {
  const literal = ['CON', 'TEXT', '/'].join('');
  assert.ok(LEGACY.test(`see ${literal}notes.md`));
  assert.ok(!LEGACY.test('see CONTEXTUAL/notes.md'));
});
