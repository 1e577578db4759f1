/**
 * End to end: the built `llm-packer mcp` as a child process, driven by the MCP SDK's own client
 * over stdio, as an agent's host would run it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath, openCas } from '../../src/cas/index.js';
import { loadTokenCounter } from '../../src/tokens/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { errorCode, startMcp, textOf } from './mcpClient.js';

const TOOLS = {
  pack: ['path', 'scope', 'include', 'ignore', 'splitTokens', 'style'],
  list_files: ['manifest', 'glob', 'encoding'],
  read_file: ['manifest', 'path', 'ref', 'startLine', 'endLine'],
  read_part: ['pack', 'part'],
  grep: ['manifest', 'pattern', 'glob'],
  verify: ['pack'],
};

const LONG = Array.from({ length: 400 }, (_, i) => `line ${i + 1}: ${'x'.repeat(i % 50)}`).join('\n') + '\n';

async function fixture(dir: string): Promise<{ work: string; outside: string; files: Record<string, string> }> {
  const work = join(dir, 'work');
  const outside = join(dir, 'outside');
  const files: Record<string, string> = {
    'README.md': '# demo\n\nA small tree.\n',
    'src/alpha.ts': "export const alpha = 'needle1';\n// café ✓\nexport const beta = 2;\n",
    'src/long.txt': LONG,
    'docs/guide.md': 'Guide\nneedle2 here\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(work, path, '..'), { recursive: true });
    await writeFile(join(work, path), text);
  }
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.txt'), 'not for the agent\n');
  return { work, outside, files };
}

test('llm-packer mcp over stdio: pack, list, read, read a part, grep, verify; refusals and corruption are tool errors', async (t) => {
  const dir = await tempDir(t, 'llmp-mcp-');
  const { work, outside, files } = await fixture(dir);
  const mcp = await startMcp(['--root', 'work', '--max-answer-bytes', '4000'], dir);
  t.after(() => mcp.client.close());

  // tools/list: every tool, with its input schema naming the fields clients depend on.
  const { tools } = await mcp.client.listTools();
  assert.deepEqual(tools.map((x) => x.name).sort(), Object.keys(TOOLS).sort());
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object');
    assert.deepEqual(Object.keys(tool.inputSchema.properties ?? {}).sort(), [...TOOLS[tool.name as keyof typeof TOOLS]].sort(), tool.name);
    assert.equal(tool.outputSchema?.type, 'object', tool.name);
  }

  // pack
  const packed = await mcp.call('pack', { path: '.' });
  assert.equal(packed.isError, undefined, textOf(packed));
  const pack = packed.structuredContent as { manifestRef: string; outDir: string; tokens: { total: number }; parts: { part: number }[] };
  assert.match(pack.manifestRef, /^sha256:[0-9a-f]{64}$/);
  assert.ok(pack.outDir.startsWith(work), pack.outDir);
  assert.ok(pack.tokens.total > 0);
  assert.ok(pack.parts.length >= 2);
  assert.match(textOf(packed), /manifest sha256:/);

  // list_files, whole and by glob
  const listed = await mcp.call('list_files', { manifest: pack.manifestRef });
  const list = (listed.structuredContent as { files: { path: string; bytes: number; tokens: number; ref: string }[] }).files;
  assert.deepEqual(list.map((f) => f.path), Object.keys(files).sort());
  const alpha = list.find((f) => f.path === 'src/alpha.ts')!;
  assert.equal(alpha.bytes, Buffer.byteLength(files['src/alpha.ts']!));
  assert.ok(alpha.tokens > 0);
  // every count is exact: a fresh tokenizer on the file's text gives the same number
  assert.equal((listed.structuredContent as { tokenEncoding: string }).tokenEncoding, 'o200k_base');
  const o200k = await loadTokenCounter('o200k_base');
  for (const f of list) assert.equal(f.tokens, o200k.count(files[f.path]!), f.path);
  assert.match(textOf(listed), /^src\/alpha\.ts\t\d+ bytes\t\d+ tokens\tsha256:/m);
  const cl = await mcp.call('list_files', { manifest: pack.manifestRef, glob: 'src/long.txt', encoding: 'cl100k_base' });
  const clList = cl.structuredContent as { tokenEncoding: string; files: { tokens: number }[] };
  assert.equal(clList.tokenEncoding, 'cl100k_base');
  assert.equal(clList.files[0]!.tokens, (await loadTokenCounter('cl100k_base')).count(LONG));
  assert.notEqual(clList.files[0]!.tokens, list.find((f) => f.path === 'src/long.txt')!.tokens);
  // … and kept in the store's token cache, under the object's hash
  const cache = await readFile(join(work, '.llm-packer/cas/tokens/counts-o200k_base.log'), 'utf8');
  assert.ok(cache.includes(`${alpha.ref.slice('sha256:'.length)} utf8 ${alpha.tokens}\n`), cache);
  const globbed = await mcp.call('list_files', { manifest: pack.manifestRef, glob: 'src/**' });
  assert.deepEqual((globbed.structuredContent as { files: { path: string }[] }).files.map((f) => f.path), ['src/alpha.ts', 'src/long.txt']);

  // read_file by path and by ref: the source bytes, with the ref
  const byPath = await mcp.call('read_file', { manifest: pack.manifestRef, path: 'src/alpha.ts' });
  const sc = byPath.structuredContent as { text: string; ref: string; truncated: boolean };
  assert.equal(sc.text, await readFile(join(work, 'src/alpha.ts'), 'utf8'));
  assert.equal(sc.ref, alpha.ref);
  assert.equal(sc.truncated, false);
  const byRef = await mcp.call('read_file', { ref: alpha.ref });
  assert.equal((byRef.structuredContent as { text: string }).text, files['src/alpha.ts']);
  const lines = await mcp.call('read_file', { manifest: pack.manifestRef, path: 'src/alpha.ts', startLine: 2, endLine: 2 });
  assert.equal((lines.structuredContent as { text: string }).text, '// café ✓\n');

  // a long file is cut at the answer limit; following nextStartLine gives back every byte
  let rebuilt = '';
  let next: number | undefined = 1;
  let calls = 0;
  while (next !== undefined) {
    const r = await mcp.call('read_file', { manifest: pack.manifestRef, path: 'src/long.txt', startLine: next });
    const s = r.structuredContent as { text: string; nextStartLine?: number };
    assert.ok(Buffer.byteLength(s.text) <= 4000);
    rebuilt += s.text;
    next = s.nextStartLine;
    calls++;
    if (next !== undefined) assert.match(textOf(r), new RegExp(`startLine ${next}`));
  }
  assert.equal(rebuilt, LONG);
  assert.ok(calls > 1);

  // read_part: the index, then a part that holds a packed file
  const index = await mcp.call('read_part', { pack: pack.outDir, part: 0 });
  assert.equal(index.isError, undefined, textOf(index));
  const indexPart = index.structuredContent as { text: string; tokens: number };
  assert.equal(indexPart.tokens, o200k.count(indexPart.text), 'the index is counted exactly too');
  const partTexts = await Promise.all(pack.parts.slice(1).map((p) => mcp.call('read_part', { pack: pack.outDir, part: p.part })));
  assert.ok(partTexts.some((r) => (r.structuredContent as { text: string }).text.includes("export const alpha = 'needle1';")));
  assert.equal(errorCode(await mcp.call('read_part', { pack: pack.outDir, part: 99 })), 'INPUT_INVALID');

  // grep: path, line and ref of each match; a bad pattern is a tool error; a catastrophic one is harmless
  const grep = await mcp.call('grep', { manifest: pack.manifestRef, pattern: 'needle\\d' });
  const matches = (grep.structuredContent as { matches: { path: string; line: number; ref: string }[] }).matches;
  assert.deepEqual(matches.map((m) => [m.path, m.line]), [['docs/guide.md', 2], ['src/alpha.ts', 1]]);
  assert.equal(matches[1]!.ref, alpha.ref);
  assert.equal(errorCode(await mcp.call('grep', { manifest: pack.manifestRef, pattern: '(unclosed' })), 'INPUT_INVALID');
  const evil = await mcp.call('grep', { manifest: pack.manifestRef, pattern: '(x+x+)+y' });
  assert.equal(evil.isError, undefined);

  // verify
  const verified = await mcp.call('verify', { pack: pack.outDir });
  assert.equal((verified.structuredContent as { ok: boolean }).ok, true, textOf(verified));

  // refused: outside the allowed roots, `..` paths, unsafe manifest paths, options not supported yet
  assert.equal(errorCode(await mcp.call('pack', { path: outside })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('pack', { path: '../outside' })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('pack', { path: `${work}/../outside` })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('read_file', { manifest: pack.manifestRef, path: '../outside/secret.txt' })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('read_file', { manifest: pack.manifestRef, path: '/etc/passwd' })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('read_part', { pack: outside, part: 0 })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('verify', { pack: '/etc' })), 'MCP_PATH_REFUSED');
  assert.equal(errorCode(await mcp.call('read_file', { ref: 'sha256:../../etc/passwd' })), 'INVALID_REFERENCE');
  assert.equal(errorCode(await mcp.call('list_files', { manifest: join(pack.outDir, 'LITE/PACK_MANIFEST.json') })), 'INVALID_REFERENCE');

  // a corrupted object: read_file and grep answer with an error, never with the bytes
  const casRoot = join(work, '.llm-packer/cas');
  await flipByte(objectPath(casRoot, alpha.ref.slice('sha256:'.length)), 0);
  const corrupt = await mcp.call('read_file', { manifest: pack.manifestRef, path: 'src/alpha.ts' });
  assert.equal(errorCode(corrupt), 'CAS_CORRUPT_OBJECT');
  assert.equal(corrupt.structuredContent, undefined);
  assert.ok(!textOf(corrupt).includes('alpha'), textOf(corrupt));
  assert.equal(errorCode(await mcp.call('read_file', { ref: alpha.ref })), 'CAS_CORRUPT_OBJECT');
  assert.equal(errorCode(await mcp.call('grep', { manifest: pack.manifestRef, pattern: 'needle' })), 'CAS_CORRUPT_OBJECT');
  const failed = await mcp.call('verify', { pack: pack.outDir });
  assert.equal((failed.structuredContent as { ok: boolean }).ok, false);
  assert.match(textOf(failed), /^VERIFY_FAILED/);

  // after all those errors the server still answers
  assert.equal((await mcp.client.listTools()).tools.length, 6);
  assert.equal(mcp.stderr(), '');
});

test('llm-packer mcp answers every request even when the client closes its end right after sending', async (t) => {
  const dir = await tempDir(t, 'llmp-mcp-');
  await fixture(dir);
  const messages = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'sh', version: '1' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'pack', arguments: { path: '.' } } },
    { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'read_file', arguments: { ref: 'sha256:nope' } } },
  ];
  const r = await runBuilt(['mcp', '--root', 'work'], { cwd: dir, input: messages.map((m) => JSON.stringify(m)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { isError?: boolean; structuredContent?: { manifestRef?: string } } });
  assert.deepEqual(answers.map((a) => a.id).sort(), [1, 2, 3, 4]);
  assert.match(answers.find((a) => a.id === 3)!.result.structuredContent!.manifestRef!, /^sha256:/);
  assert.equal(answers.find((a) => a.id === 4)!.result.isError, true);
});

test('read_part and verify take a seal ref: through the ledger to the pack folder, checked against the seal; from the store when the folder is gone', async (t) => {
  const dir = await tempDir(t, 'llmp-mcp-');
  const { work } = await fixture(dir);
  const mcp = await startMcp(['--root', 'work'], dir);
  t.after(() => mcp.client.close());
  const packed = await mcp.call('pack', { path: '.' });
  assert.equal(packed.isError, undefined, textOf(packed));
  const pack = packed.structuredContent as { manifestRef: string; outDir: string; sealRef: string; parts: { part: number; file: string }[] };
  assert.match(pack.sealRef, /^sha256:[0-9a-f]{64}$/);
  assert.equal(pack.sealRef.slice('sha256:'.length), createHash('sha256').update(await readFile(join(pack.outDir, 'SEAL.json'))).digest('hex'));
  assert.match(textOf(packed), new RegExp(`^seal ${pack.sealRef}$`, 'm'));

  // verify and read_part by seal ref reach the same folder
  const verified = await mcp.call('verify', { pack: pack.sealRef });
  const report = verified.structuredContent as { ok: boolean; pack: string; sealRef: string };
  assert.equal(report.ok, true, textOf(verified));
  assert.deepEqual([report.pack, report.sealRef], [pack.outDir, pack.sealRef]);
  const byFolder = await mcp.call('read_part', { pack: pack.outDir, part: 1 });
  const bySeal = await mcp.call('read_part', { pack: pack.sealRef, part: 1 });
  assert.equal(bySeal.isError, undefined, textOf(bySeal));
  const part = bySeal.structuredContent as { text: string; ref: string; pack: string; sealRef: string };
  assert.deepEqual([part.text, part.ref, part.pack, part.sealRef], [(byFolder.structuredContent as { text: string }).text, (byFolder.structuredContent as { ref: string }).ref, pack.outDir, pack.sealRef]);
  assert.match(textOf(bySeal), /checked against seal sha256:/);

  // a seal no run recorded, and a malformed ref
  assert.equal(errorCode(await mcp.call('verify', { pack: `sha256:${'0'.repeat(64)}` })), 'SEAL_UNRECORDED');
  assert.equal(errorCode(await mcp.call('read_part', { pack: 'sha256:xyz', part: 0 })), 'INVALID_REFERENCE');

  // a part changed in the folder is refused by seal ref (by folder it is read as it is)
  const partFile = join(pack.outDir, pack.parts[1]!.file);
  const original = await readFile(partFile);
  await appendFile(partFile, 'tampered\n');
  assert.equal(errorCode(await mcp.call('read_part', { pack: pack.sealRef, part: 1 })), 'SEAL_MISMATCH');
  await writeFile(partFile, original);

  // the folder gone: verify cannot run, read_part says what to pass instead (the manifest ref)
  const moved = join(dir, 'moved-pack');
  await rename(pack.outDir, moved);
  const gone = await mcp.call('verify', { pack: pack.sealRef });
  assert.equal(errorCode(gone), 'MCP_PACK_NOT_FOUND');
  const goneRead = await mcp.call('read_part', { pack: pack.sealRef, part: 1 });
  assert.equal(errorCode(goneRead), 'MCP_PACK_NOT_FOUND');
  assert.ok(textOf(goneRead).includes(pack.manifestRef), textOf(goneRead));
  assert.match(textOf(goneRead), /not its SPLIT parts or meta\//);

  // … unless the bytes the seal names are in the store: then the part is read from there, checked
  const cas = openCas(join(work, '.llm-packer/cas'));
  for (const f of ['meta/PACK_INFO.json', pack.parts[0]!.file, pack.parts[1]!.file]) await cas.putBytes(await readFile(join(moved, f)));
  const fromStore = await mcp.call('read_part', { pack: pack.sealRef, part: 1 });
  assert.equal(fromStore.isError, undefined, textOf(fromStore));
  assert.deepEqual([(fromStore.structuredContent as { text: string }).text, (fromStore.structuredContent as { pack: string }).pack], [part.text, pack.sealRef]);
  assert.equal(mcp.stderr(), '');
});
