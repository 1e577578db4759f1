// Smoke test of the benchmark harness (scripts/bench.mjs): one measured round on a tiny corpus,
// repomix skipped, against the built CLI. Checks the result's shape, never its timings.
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/tmp.js';

const BENCH = fileURLToPath(new URL('../../scripts/bench.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the harness with its temp folders under `tmp`, so the test can see that they are removed. */
function runBench(args: string[], tmp: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BENCH, ...args], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Three text files (one in a nested folder) and one binary that pack must omit. */
async function makeCorpus(dir: string): Promise<{ textBytes: number }> {
  const texts: Record<string, string> = {
    'README.md': '# tiny\n\nA corpus for the benchmark smoke test.\n',
    'src/main.js': 'export const answer = 42;\n'.repeat(50),
    'docs/notes.txt': 'line\n'.repeat(300),
  };
  for (const [path, text] of Object.entries(texts)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await writeFile(join(dir, 'logo.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x00, 0xff]));
  return { textBytes: Object.values(texts).reduce((sum, t) => sum + Buffer.byteLength(t), 0) };
}

async function leftovers(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((name) => name.startsWith('llm-packer-bench-'));
}

test('bench: --runs 1 --no-repomix measures every other variant and writes the result JSON', async (t) => {
  const dir = await tempDir(t, 'llmp-bench-');
  const corpus = join(dir, 'tiny');
  const tmp = join(dir, 'tmp');
  const results = join(dir, 'results');
  await mkdir(tmp);
  const { textBytes } = await makeCorpus(corpus);

  const run = await runBench([corpus, '--runs', '1', '--no-repomix', '--results-dir', results], tmp);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await leftovers(tmp), []);
  const written = await readdir(results);
  assert.equal(written.length, 1);
  assert.match(written[0]!, /^tiny-\d{4}-\d{2}-\d{2}\.json$/);
  const result = JSON.parse(await readFile(join(results, written[0]!), 'utf8'));

  assert.equal(result.kind, 'compare');
  assert.equal(result.settings.runs, 1);
  assert.equal(result.machine.node, process.version);
  assert.match(result.machine.llmPacker.distDigest, /^[0-9a-f]{64}$/);
  assert.equal(result.corpus.placement, 'in-place');
  assert.equal(result.corpus.files, 4);
  assert.equal(result.corpus.packedFiles, 3);
  assert.equal(result.corpus.packedBytes, textBytes);
  assert.ok(result.coldWrites.casBytes >= textBytes);
  assert.ok(result.coldWrites.totalBytes > result.coldWrites.casBytes);

  assert.deepEqual(Object.keys(result.variants).sort(), ['cold', 'floor', 'warm']);
  for (const [name, variant] of Object.entries<any>(result.variants)) {
    assert.equal(variant.runs.length, 1, name);
    assert.equal(typeof variant.wallMs.median, 'number', name);
    assert.ok(variant.wallMs.min <= variant.wallMs.median && variant.wallMs.median <= variant.wallMs.max, name);
    assert.ok(variant.maxRssMiB.median > 0, name);
  }
  assert.equal(result.ratios.repomixOverCold, null);
  for (const key of ['coldOverFloor', 'warmOverFloor']) assert.equal(typeof result.ratios[key], 'number', key);
  const byName = (prefix: string) => result.targets.find((x: any) => x.name.startsWith(`tiny: ${prefix}`));
  assert.equal(byName('repomix').pass, null);
  for (const prefix of ['cold pack', 'warm repack', 'peak RSS cold']) assert.equal(typeof byName(prefix).pass, 'boolean', prefix);
  assert.match(run.stdout, /cold pack ≤ 1.5× floor/);
});

test('bench: a failing pack stops the harness with pack\'s own error line', async (t) => {
  const dir = await tempDir(t, 'llmp-bench-');
  const corpus = join(dir, 'tiny');
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  await makeCorpus(corpus);

  const run = await runBench([corpus, '--runs', '1', '--no-repomix', '--no-results', '--pack-arg=--max-total-bytes=1'], tmp);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /cold pack failed/);
  assert.match(run.stderr, /^PACK_LIMIT_EXCEEDED:/m);
  assert.deepEqual(await leftovers(tmp), []);
});

test('bench: a missing corpus is a usage error', async (t) => {
  const dir = await tempDir(t, 'llmp-bench-');
  const tmp = join(dir, 'tmp');
  await mkdir(tmp);
  const run = await runBench([join(dir, 'absent'), '--runs', '1', '--no-repomix'], tmp);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /corpus folder not found/);
  assert.deepEqual(await leftovers(tmp), []);
});
