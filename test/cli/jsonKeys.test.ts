/**
 * One naming style: every JSON document the built CLI prints with `--json` has camelCase keys at
 * every depth. Files whose bytes the Python implementation shares (manifest, records, RUN_REFS,
 * roots, the ledger on disk; docs/FORMATS.md) keep their keys, but no command prints one of them
 * as a JSON result. The local audit receipt and GC report keep the snake_case shapes the Python
 * implementation prints (docs/FORMATS.md §9): they are checked to be exactly those, key for key.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Objects whose keys are data, not field names: `leftOut` counts entries by their omit reason
 * (`default-ignore`, …), spelled as meta/OMITTED.json spells the reason.
 */
const DATA_KEYED = new Set(['leftOut']);

/** The local audit receipt and GC report: the shapes the Python implementation prints (FORMATS §9). */
const PYTHON_SHAPED = new Set(['audit', 'audit Mode B --full', 'gc']);

/** Every key that is not camelCase, with its path (`checks[0].someKey`). */
function nonCamelKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonCamelKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    const own = CAMEL.test(key) ? [] : [here];
    return DATA_KEYED.has(key) ? own : [...own, ...nonCamelKeys(v, here)];
  });
}

test('the key check finds a snake_case key at any depth (it can fail)', () => {
  assert.deepEqual(nonCamelKeys({ ok: 1, list: [{ fine: { tree_hash: 'x' } }] }), ['$.list[0].fine.tree_hash']);
  assert.deepEqual(nonCamelKeys({ leftOut: { 'default-ignore': 1 }, Upper: 2 }), ['$.Upper']);
});

test('every command prints camelCase JSON with --json', async (t) => {
  const dir = await tempDir(t, 'llmp-json-');
  const root = join(dir, 'tree');
  await writeTree(root, {
    'README.md': '# demo\n',
    'src/main.ts': 'export const answer = 42;\n',
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    'node_modules/dep/index.js': 'module.exports = 1;\n',
  });
  await writeTree(dir, { 'note.txt': 'a note\n' });
  const printed = new Map<string, unknown>();
  const json = async (name: string, argv: string[], options: { cwd?: string; exit?: number } = {}) => {
    const r = await runBuilt([...argv, '--json'], { cwd: options.cwd ?? root });
    assert.equal(r.code, options.exit ?? 0, `${name}: ${r.stderr}`);
    const doc: unknown = JSON.parse(r.stdout);
    printed.set(name, doc);
    return doc as Record<string, unknown>;
  };

  const summary = (await json('pack', ['pack', '.'])) as { outDir: string };
  const refs = JSON.parse(await readFile(join(summary.outDir, 'LITE', 'RUN_REFS.json'), 'utf8')) as Record<string, string>;
  await json('verify', ['verify', summary.outDir]);
  await json('consume --dry-run', ['consume', summary.outDir, '--out', join(dir, 'dry'), '--dry-run']);
  await json('consume', ['consume', summary.outDir, '--out', join(dir, 'out')]);
  await json('audit', ['audit']);
  await json('audit Mode B --full', ['audit', '--output-hashes', String(refs.output_hashes_ref), '--full']);
  await json('gc', ['gc']);
  await json('why', ['why', 'logo.png']);
  await json('roots list', ['roots', 'list']);
  await json('pins add', ['pins', 'add', String(refs.status_ref)]);
  await json('pins list', ['pins', 'list']);
  await json('pins rm', ['pins', 'rm', String(refs.status_ref)]);
  await json('cas put', ['cas', 'put', join(dir, 'note.txt')]);
  await json('cas fsck', ['cas', 'fsck']);
  await json('bind', ['bind']);
  await json('runs list', ['runs', 'list']);
  await json('runs forget', ['runs', 'forget', String(refs.status_ref)]);
  await json('an error', ['consume', join(dir, 'missing'), '--out', join(dir, 'none')], { exit: 2 });

  for (const [name, doc] of printed) {
    if (!PYTHON_SHAPED.has(name)) assert.deepEqual(nonCamelKeys(doc), [], name);
  }
  // The two shapes Python prints too: exactly its keys (FORMATS §9), plus the --full lists.
  const gc = printed.get('gc') as Record<string, unknown>;
  assert.deepEqual(Object.keys(gc).sort(), [
    'allow_empty_roots', 'candidate_hashes', 'candidate_hashes_count', 'cas_snapshot_hash', 'deleted_hashes', 'errors',
    'grace_seconds', 'mode', 'reachable_hashes_count', 'root_sources', 'roots_count', 'skipped_hashes',
  ]);
  const audit = printed.get('audit Mode B --full') as Record<string, unknown>;
  assert.deepEqual(Object.keys(audit).sort(), [
    'cas_snapshot_hash', 'errors', 'mode', 'reachable_hashes_count', 'required_check', 'required_corrupt', 'required_missing',
    'required_total', 'required_unreachable', 'root_sources', 'rooted_corrupt', 'rooted_missing', 'roots_count', 'verdict',
  ]);
  assert.deepEqual(Object.keys((audit.root_sources as object[])[0]!).sort(), ['content_hash', 'exists', 'name', 'path']);
});
