/**
 * End to end: the built `llm-packer mcp` as a child process, driven by the MCP SDK's own client
 * over stdio, as an agent's host would run it.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath } from '../../src/cas/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { errorCode, startMcp, textOf } from './mcpClient.js';

const TOOLS = {
  pack: ['path', 'scope', 'include', 'ignore', 'splitTokens', 'style'],
  list_files: ['manifest', 'glob'],
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
