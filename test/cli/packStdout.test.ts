import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { BIN, runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

const FILES = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${i}.txt`, `file ${i}\n${'text '.repeat(2000)}\n`]));

test('pack --stdout: standard output is the FULL file byte for byte; the summary goes to stderr', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), FILES);
  const r = await runBuilt(['pack', 'root', '--stdout', '--out-dir', 'out', '--style', 'xml', '--quiet'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const json = await runBuilt(['pack', 'root', '--stdout', '--json', '--out-dir', 'out2', '--style', 'xml', '--quiet'], { cwd: dir });
  const summary = JSON.parse(json.stderr.slice(json.stderr.indexOf('{'))) as { fullFile: string; tokens: { total: number } };
  assert.ok(r.stdoutBytes.equals(await readFile(summary.fullFile)), 'stdout holds FULL and nothing else');
  assert.ok(json.stdoutBytes.equals(r.stdoutBytes));
});

test('pack --stdout | head: a reader that stops early ends the pack quietly with exit 0', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), FILES);
  const shell = spawn('/bin/bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" pack root --stdout --quiet --out-dir out3 | head -c 100`], { cwd: dir });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  shell.stdout.on('data', (c: Buffer) => out.push(c));
  shell.stderr.on('data', (c: Buffer) => err.push(c));
  const code = await new Promise<number | null>((resolve) => shell.on('close', resolve));
  assert.equal(Buffer.concat(out).length, 100);
  assert.equal(code, 0, Buffer.concat(err).toString());
  assert.doesNotMatch(Buffer.concat(err).toString(), /EPIPE|Error/);
});

test('--stdout with --no-full is a usage error', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), { 'a.txt': 'a\n' });
  const r = await runBuilt(['pack', 'root', '--stdout', '--no-full'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^USAGE: --stdout writes the FULL text/m);
});

test('packs of one tree made with other output options go to their own folders and never replace one another', async (t) => {
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), { 'README.md': '# r\n', 'src/a.ts': 'export const a = 1;\n' });
  const outDirs: string[] = [];
  for (const extra of [[], ['--style', 'json'], ['--split-tokens', '20000'], ['--no-split']]) {
    const r = await runBuilt(['pack', 'root', '--json', ...extra], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    outDirs.push(basename(JSON.parse(r.stdout).outDir as string));
  }
  assert.equal(new Set(outDirs).size, 4, outDirs.join(' '));
  assert.match(outDirs[0]!, /^llm-pack-repo-[0-9a-f]{12}$/);
  assert.deepEqual(outDirs.slice(1).map((n) => n.replace(/^llm-pack-repo-[0-9a-f]{12}/, '')), ['-json', '-t20000', '-no-split']);
  for (const name of outDirs) {
    const v = await runBuilt(['verify', join(dir, 'root', '.llm-packer', 'packs', name)], { cwd: dir });
    assert.equal(v.code, 0, `${name}: ${v.stdout}${v.stderr}`);
  }
});
