/**
 * The shared path rule through the CLI (issue 16): `consume` refuses every path git or some file
 * system would treat specially and writes nothing; `pack` refuses a tree its own consume could not
 * rebuild everywhere (PACK_UNPORTABLE_PATH, exit 1, no pack, nothing stored) instead of PASS.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/index.js';
import { fileExt } from '../../src/manifest/index.js';
import { canonicalJson, compareCodePoints, mapLimit } from '../../src/util/index.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { errorLines, exists, runChild, snapshot, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn } from './packCheck.js';

const posixOnly = { skip: process.platform === 'win32' ? 'names Windows cannot hold' : false };

/** Manifests that plant git's folder or clash on some file system; each must be refused, nothing written. */
const CONSUME_TRAPS: [string, string[]][] = [
  ['.git/config (core.fsmonitor)', ['.git/config', 'ok.txt']],
  ['.GIT/hooks', ['.GIT/hooks/pre-commit', 'ok.txt']],
  ['nested .git', ['ok.txt', 'sub/.git/HEAD']],
  ['NTFS short name git~1', ['GIT~1/config', 'ok.txt']],
  ['NTFS trailing dots', ['.git. ./config', 'ok.txt']],
  ['NTFS stream', ['.git::$INDEX_ALLOCATION/config', 'ok.txt']],
  ['HFS+ ignorable', ['.g\u200Cit/config', 'ok.txt']],
  ['Windows device', ['ok.txt', 'sub/CON.txt']],
  ['colon', ['a:b.txt', 'ok.txt']],
  ['trailing dot', ['ok.txt', 'x.']],
  ['name of 239 bytes', ['ok.txt', `${'n'.repeat(235)}.txt`]],
  ['top-level folder of 244 bytes', ['ok.txt', `${'d'.repeat(244)}/f.txt`]],
  ['file and folder a, a/b', ['a', 'a/b']],
  ['NFC and NFD twins', ['caf\u00E9.txt', 'cafe\u0301.txt']],
  ['case twins', ['README', 'readme']],
];

test('consume refuses .git and its aliases, twins, clashes, device names and long names: exit 2, nothing written', async (t) => {
  const dir = await tempDir(t);
  const casRoot = join(dir, 'cas');
  const cas = openCas(casRoot);
  const { hash, size } = await cas.putBytes(Buffer.from('[core]\n\tfsmonitor = "touch PWNED; false"\n'));
  const entry = (path: string) => ({ bytes: size, ext: fileExt(path), kind: 'FILE', path, ref: `sha256:${hash}` });
  const manifest = (paths: string[]) => {
    const entries = [...paths].sort(compareCodePoints).map(entry);
    return `${canonicalJson({ buckets: [], entries, repo_state: {}, scope: 'repo', version: 'P2.0' })}\n`;
  };
  for (const [i, [, paths]] of CONSUME_TRAPS.entries()) await writeFile(join(dir, `m${i}.json`), manifest(paths));
  const before = await snapshot(dir);
  await mapLimit([...CONSUME_TRAPS.keys()], 3, async (i) => {
    const [name] = CONSUME_TRAPS[i]!;
    for (const dry of [[], ['--dry-run']]) {
      const argv = ['consume', `m${i}.json`, '--out', `out-${i}`, '--cas-root', casRoot, ...dry];
      // The first two through the built binary, the rest through the CLI's main() in process.
      const r = i < 2 ? await runChild(argv, { cwd: dir, timeoutMs: 30_000 }) : await runInProcess(argv, dir);
      assert.equal(r.code, 2, `${name} ${dry.join('')}: exit ${r.code}\n${r.stderr}`);
      const lines = errorLines(r.stderr);
      assert.equal(lines.length, 1, `${name}: one line, got ${JSON.stringify(lines)}`);
      assert.match(lines[0]!, /^CONSUME_UNSAFE_PATH: /, name);
    }
  });
  assert.deepEqual(await snapshot(dir), before, 'nothing written anywhere');
  t.diagnostic(`${CONSUME_TRAPS.length} manifests refused (and their --dry-run), 0 bytes written`);
});

test('consume refuses a path that would not fit in PATH_MAX under the out folder, before writing', async (t) => {
  const dir = await tempDir(t);
  const casRoot = join(dir, 'cas');
  const { hash, size } = await openCas(casRoot).putBytes(Buffer.from('x'));
  const deep = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'p'.repeat(200)}`).join('/');
  const path = `${deep}/f.txt`;
  const entries = [{ bytes: size, ext: '.txt', kind: 'FILE', path, ref: `sha256:${hash}` }];
  await writeFile(join(dir, 'm.json'), `${canonicalJson({ buckets: [], entries, repo_state: {}, scope: 'repo', version: 'P2.0' })}\n`);
  const r = await runInProcess(['consume', 'm.json', '--out', 'out', '--cas-root', casRoot], dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(errorLines(r.stderr)[0]!, /^CONSUME_UNSAFE_PATH: .* bytes \(> 4095\)/);
  assert.equal(await exists(join(dir, 'out')), false);
});

/** Trees pack must refuse: each name is fine on Linux, and consume would refuse or lose it elsewhere. */
const PACK_TRAPS: [string, Record<string, string>][] = [
  ['case twins', { README: 'upper\n', readme: 'lower\n' }],
  ['folder case twins', { 'Docs/a.md': 'a\n', 'docs/b.md': 'b\n' }],
  ['NFC and NFD twins', { 'caf\u00E9.md': 'composed\n', 'cafe\u0301.md': 'decomposed\n' }],
  ['backslash in a name', { 'a\\b.txt': 'x\n' }],
  ['drive letter', { 'C:evil.txt': 'x\n' }],
  ['Windows device', { 'aux.c': 'x\n' }],
  ['trailing space', { 'notes ': 'x\n' }],
  ['name of 239 bytes', { [`${'n'.repeat(235)}.txt`]: 'x\n' }],
  ['name of 255 bytes', { [`${'n'.repeat(251)}.txt`]: 'x\n' }],
  ['top-level folder of 244 bytes', { [`${'d'.repeat(244)}/f.txt`]: 'x\n' }],
];

test('pack refuses a tree its consume could not rebuild everywhere: PACK_UNPORTABLE_PATH, exit 1, no pack', posixOnly, async (t) => {
  const dir = await tempDir(t);
  await mapLimit([...PACK_TRAPS.keys()], 2, async (i) => {
    const [name, files] = PACK_TRAPS[i]!;
    const root = join(dir, `root-${i}`);
    await writeFiles(root, { 'ok.txt': 'fine\n', ...files });
    const place = placeIn(join(dir, `place-${i}`));
    await mkdir(place.dir);
    const r = await packWithCli(place, root, [], { timeoutMs: 60_000 });
    assert.equal(r.code, 1, `${name}: exit ${r.code}\n${r.stderr}`);
    const lines = errorLines(r.stderr);
    assert.equal(lines.length, 1, `${name}: ${JSON.stringify(lines)}`);
    assert.match(lines[0]!, /^PACK_UNPORTABLE_PATH: /, name);
    assert.doesNotMatch(r.stdout, /PASS/);
    assert.equal(await exists(place.out), false, `${name}: no pack`);
    assert.equal(await exists(place.casRoot), false, `${name}: nothing stored`);
  });
  t.diagnostic(`${PACK_TRAPS.length} trees refused`);
});

test('the longest names the rule allows pack, verify and consume exactly', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const files = { [`${'n'.repeat(234)}.txt`]: 'long name\n', [`${'d'.repeat(238)}/f.txt`]: 'long folder\n', '.gitignore.txt': 'x\n', 'console.log': 'y\n' };
  await writeFiles(root, files);
  const place = placeIn(join(dir, 'place'));
  await mkdir(place.dir);
  const r = await packWithCli(place, root, [], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  await checkPackTruth(place, files);
});

test('--allow-unportable-paths packs what only some systems refuse, as it is, one warning each; unsafe paths stay refused', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const files = { 'ok.txt': 'fine\n', README: 'upper\n', readme: 'lower\n', 'aux.c': 'device\n', 'notes ': 'trailing space\n', 'caf\u00E9.md': 'composed\n', 'cafe\u0301.md': 'decomposed\n' };
  await writeFiles(root, files);
  const store = ['--cas-root', 'cas', '--runs-dir', 'runs'];
  const warnings = [
    'unportable path "aux.c": "aux.c": a device name on Windows (AUX)',
    'unportable path "notes ": "notes ": a trailing dot or space (Windows drops it)',
    'paths differ only by Unicode normalisation: "cafe\u0301.md" and "caf\u00E9.md"',
    'paths differ only by case: "README" and "readme"',
  ];

  // The default refuses, and the hint names the option.
  const refused = await runChild(['pack', root, '--out-dir', 'P0', ...store], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(errorLines(refused.stderr)[0]!, /^PACK_UNPORTABLE_PATH: .*or pass --allow-unportable-paths to pack it as it is/);

  const r = await runChild(['pack', root, '--out-dir', 'P', ...store, '--allow-unportable-paths'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const warned = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
  assert.deepEqual([...warned].sort(), warnings.map((w) => `warning: ${w}`).sort(), 'one line per unportable path');
  const json = await runChild(['pack', root, '--out-dir', 'P', ...store, '--allow-unportable-paths', '--json', '--quiet'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(json.code, 0, json.stderr);
  assert.equal(json.stderr.includes('warning:'), false, '--quiet prints no warning');
  const summary = JSON.parse(json.stdout) as { warnings: string[]; filesPacked: number };
  assert.deepEqual([...summary.warnings].sort(), [...warnings].sort());
  assert.equal(summary.filesPacked, Object.keys(files).length, 'every file packed, none renamed');
  const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'P', 'LITE', 'PACK_MANIFEST.json'), 'utf8')) as { entries: { path: string }[] };
  assert.deepEqual(manifest.entries.map((e) => e.path).sort(compareCodePoints), Object.keys(files).sort(compareCodePoints), 'names as they are');

  const verify = await runChild(['verify', 'P', ...store], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  // consume refuses such a pack unless told; told, it rebuilds it exactly where the names fit.
  const no = await runChild(['consume', 'P', '--out', 'plain', ...store], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(no.code, 2, no.stderr);
  assert.match(errorLines(no.stderr)[0]!, /^CONSUME_UNSAFE_PATH: .*\(a pack made with --allow-unportable-paths: consume it with --allow-unportable-paths/);
  assert.equal(await exists(join(dir, 'plain')), false);
  const yes = await runChild(['consume', 'P', '--out', 'rebuilt', ...store, '--allow-unportable-paths'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(yes.code, 0, yes.stderr);
  const { readFile } = await import('node:fs/promises');
  for (const [path, text] of Object.entries(files)) assert.equal(await readFile(join(dir, 'rebuilt', path), 'utf8'), text, path);

  // The config key does the same; unsafe paths stay refused whatever the option says.
  await writeFile(join(root, 'llm-packer.config.json'), '{ "allowUnportablePaths": true }\n');
  const config = await runChild(['pack', root, '--out-dir', 'P2', ...store, '--quiet'], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(config.code, 0, config.stderr);
  for (const [name, unsafe] of [['backslash', 'a\\b.txt'], ['drive letter', 'C:evil.txt'], ['name of 255 bytes', `${'n'.repeat(251)}.txt`]] as const) {
    const bad = join(dir, `bad-${name.replace(/ /g, '-')}`);
    await writeFiles(bad, { 'ok.txt': 'x\n', [unsafe]: 'x\n' });
    const u = await runChild(['pack', bad, '--out-dir', `U-${name.replace(/ /g, '-')}`, ...store, '--allow-unportable-paths'], { cwd: dir, timeoutMs: 60_000 });
    assert.equal(u.code, 1, `${name}: ${u.stderr}`);
    assert.match(errorLines(u.stderr)[0]!, /^PACK_UNPORTABLE_PATH: /, name);
    assert.doesNotMatch(u.stderr, /--allow-unportable-paths to pack it/, `${name}: the option would not help`);
  }
});
