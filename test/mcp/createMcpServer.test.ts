/** The server in-process over the SDK's in-memory transport, with deps overridden where a case needs it. */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { openCas } from '../../src/cas/index.js';
import { createMcpServer, type McpDeps, type McpServerOptions } from '../../src/mcp/index.js';
import type { RemoteStore } from '../../src/remote/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';
import { errorCode, textOf } from './mcpClient.js';

async function connect(t: TestContext, options: McpServerOptions, deps: Partial<McpDeps> = {}) {
  const server = createMcpServer(options, deps);
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(a), client.connect(b)]);
  t.after(() => client.close());
  return (name: string, args: Record<string, unknown>, onprogress?: (p: Progress) => void) =>
    client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : {}) as Promise<CallToolResult>;
}

async function setup(t: TestContext, extra: Partial<McpServerOptions> = {}, deps: Partial<McpDeps> = {}) {
  const root = await tempDir(t, 'llmp-mcp-');
  await mkdir(join(root, 'src'));
  for (let i = 0; i < 6; i++) await writeFile(join(root, 'src', `f${i}.ts`), `// file ${i}\nconst hit${i} = ${i};\nconst again${i} = 'hit';\n`);
  const options: McpServerOptions = {
    root,
    casRoot: join(root, '.llm-packer/cas'),
    runsDir: join(root, '.llm-packer/runs'),
    packsDir: join(root, '.llm-packer/packs'),
    ...extra,
  };
  const call = await connect(t, options, deps);
  const packed = await call('pack', { path: '.' });
  assert.equal(packed.isError, undefined, textOf(packed));
  return { root, call, pack: packed.structuredContent as { manifestRef: string; outDir: string } };
}

test('splitTokens and style reach the pack: token-bounded parts, another style', async (t) => {
  const { call } = await setup(t);
  const split = await call('pack', { path: '.', splitTokens: 1000 });
  assert.equal(split.isError, undefined, textOf(split));
  const parts = (split.structuredContent as { parts: { part: number; tokens: number }[] }).parts.filter((p) => p.part > 0);
  assert.ok(parts.length > 0, textOf(split));
  const xml = await call('pack', { path: '.', style: 'xml' });
  assert.equal(xml.isError, undefined, textOf(xml));
  assert.notEqual((xml.structuredContent as { outDir: string }).outDir, undefined);
});

test('include and ignore reach the pack: only the files they select are packed', async (t) => {
  const { root, call } = await setup(t);
  await writeFile(join(root, 'notes.md'), '# notes\n');
  const r = await call('pack', { path: '.', include: ['src/**', 'notes.md'], ignore: ['src/f0.ts', 'src/f1.ts'] });
  assert.equal(r.isError, undefined, textOf(r));
  const listed = await call('list_files', { manifest: (r.structuredContent as { manifestRef: string }).manifestRef });
  const paths = (listed.structuredContent as { files: { path: string }[] }).files.map((f) => f.path);
  assert.deepEqual(paths, ['notes.md', 'src/f2.ts', 'src/f3.ts', 'src/f4.ts', 'src/f5.ts']);
});

test('a crash inside a tool is a tool error (IO_ERROR) and the server keeps answering', async (t) => {
  const { call, pack } = await setup(t, {}, {
    verifyPack: () => {
      throw new TypeError('boom\nsecond line');
    },
  });
  const r = await call('verify', { pack: pack.outDir });
  assert.equal(errorCode(r), 'IO_ERROR');
  assert.equal(textOf(r), 'IO_ERROR: boom');
  const bad = await call('read_part', { pack: pack.outDir, part: -1 });
  assert.equal(bad.isError, true);
  assert.equal((await call('list_files', { manifest: pack.manifestRef })).isError, undefined);
});

test('grep stops at its match limit and at its time budget, and says so', async (t) => {
  let clock = 0;
  const { root, call, pack } = await setup(t, { maxGrepMatches: 3 }, { now: () => clock });
  const many = await call('grep', { manifest: pack.manifestRef, pattern: 'hit' });
  const s = many.structuredContent as { matches: unknown[]; truncated: boolean; filesNotSearched: number };
  assert.equal(s.matches.length, 3);
  assert.equal(s.truncated, true);
  assert.match(textOf(many), /narrow the search/);
  const store = { root, casRoot: join(root, '.llm-packer/cas'), runsDir: join(root, '.llm-packer/runs'), packsDir: join(root, '.llm-packer/packs') };
  const slow = await connect(t, { ...store, grepBudgetMs: 1000 }, { now: () => (clock += 600) });
  const timed = await slow('grep', { manifest: pack.manifestRef, pattern: 'nothing-matches' });
  const ts = timed.structuredContent as { filesSearched: number; filesNotSearched: number; truncated: boolean };
  assert.equal(ts.truncated, true);
  assert.ok(ts.filesSearched >= 1 && ts.filesNotSearched >= 1, JSON.stringify(ts));
  assert.match(textOf(timed), /budget/);
});

test('read_part trusts no part file outside SPLIT/: a tampered PACK_INFO or a symlinked part is refused', async (t) => {
  const { root, call, pack } = await setup(t);
  const info = join(pack.outDir, 'meta/PACK_INFO.json');
  const original = await readFile(info, 'utf8');
  const parsed = JSON.parse(original) as { sections: { file: string }[] };
  parsed.sections[0]!.file = 'SPLIT/../../../../etc/passwd';
  await writeFile(info, JSON.stringify(parsed));
  assert.equal(errorCode(await call('read_part', { pack: pack.outDir, part: 1 })), 'INPUT_INVALID');
  await writeFile(info, original);
  const part = JSON.parse(original).sections[0].file as string;
  await writeFile(join(root, 'outside.txt'), 'secret\n');
  await rm(join(pack.outDir, part));
  await symlink(join(root, 'outside.txt'), join(pack.outDir, part));
  const r = await call('read_part', { pack: pack.outDir, part: 1 });
  assert.equal(errorCode(r), 'MCP_PATH_REFUSED');
  assert.ok(!textOf(r).includes('secret'));
});

test('pack sends rising progress notifications when the client asks for them', async (t) => {
  const { call } = await setup(t);
  const seen: Progress[] = [];
  const r = await call('pack', { path: '.' }, (p) => seen.push(p));
  assert.equal(r.isError, undefined);
  assert.ok(seen.length >= 5, JSON.stringify(seen));
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.progress > seen[i - 1]!.progress);
  assert.ok(seen.every((p) => p.total === seen[0]!.total && p.progress < p.total! && typeof p.message === 'string'));
});

/** A team store backed by a local store's folder: only what `fetchMissing` uses is real. */
function folderRemote(casRoot: string): RemoteStore {
  const team = openCas(casRoot);
  const unused = async (): Promise<never> => {
    throw new Error('not used by the MCP server');
  };
  const remote: RemoteStore = {
    location: { url: 's3://team/test', bucket: 'team', prefix: 'test/' },
    hasObject: (hash) => team.has(hash),
    getObjectToFile: (hash, dest) => copyFile(team.path(hash), dest),
    putObject: unused,
    listObjects: unused,
    deleteObject: unused,
    readDoc: unused,
    writeDoc: unused,
    deleteDoc: unused,
    listDocs: unused,
    close: () => undefined,
  };
  return remote;
}

test('with a team store, objects missing locally are fetched, verified, then read; a damaged remote copy is an error', async (t) => {
  const { root, pack } = await setup(t);
  const local = await tempDir(t, 'llmp-mcp-local-');
  let opened = 0;
  const call = await connect(t, {
    root: local,
    casRoot: join(local, 'cas'),
    runsDir: join(local, 'runs'),
    packsDir: join(local, 'packs'),
    remote: async () => {
      opened++;
      return folderRemote(join(root, '.llm-packer/cas'));
    },
  });
  const listed = await call('list_files', { manifest: pack.manifestRef });
  assert.equal(listed.isError, undefined, textOf(listed));
  const files = (listed.structuredContent as { files: { path: string; ref: string }[] }).files;
  const read = await call('read_file', { manifest: pack.manifestRef, path: 'src/f1.ts' });
  assert.equal((read.structuredContent as { text: string }).text, await readFile(join(root, 'src/f1.ts'), 'utf8'));
  const grep = await call('grep', { manifest: pack.manifestRef, pattern: 'hit3' });
  assert.deepEqual((grep.structuredContent as { matches: { path: string }[] }).matches.map((m) => m.path), ['src/f3.ts']);
  assert.ok(opened >= 1);
  // the team's copy of f5 is damaged: the download is refused, nothing enters the local store
  const f5 = files.find((f) => f.path === 'src/f5.ts')!.ref.slice('sha256:'.length);
  await rm(openCas(join(local, 'cas')).path(f5), { force: true });
  await flipByte(openCas(join(root, '.llm-packer/cas')).path(f5), 0);
  const bad = await call('read_file', { ref: `sha256:${f5}` });
  assert.equal(errorCode(bad), 'CAS_CORRUPT_OBJECT');
  assert.equal(await openCas(join(local, 'cas')).has(f5), false);
});

test('list_files takes counts from the store token cache first: a cached count is answered without counting', async (t) => {
  const { root, call, pack } = await setup(t);
  const first = await call('list_files', { manifest: pack.manifestRef, glob: 'src/f0.ts' });
  const f0 = (first.structuredContent as { files: { ref: string; tokens: number }[] }).files[0]!;
  assert.ok(f0.tokens > 0 && f0.tokens < 100);
  // A later line wins in the cache log: a count no tokenizer gives proves the cache answered.
  const log = join(root, '.llm-packer/cas/tokens/counts-o200k_base.log');
  await writeFile(log, `${await readFile(log, 'utf8')}${f0.ref.slice('sha256:'.length)} utf8 4242\n`);
  const again = await call('list_files', { manifest: pack.manifestRef, glob: 'src/f0.ts' });
  assert.equal((again.structuredContent as { files: { tokens: number }[] }).files[0]!.tokens, 4242);
});
