import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanFiles, secretFingerprint } from '../../src/secrets/index.js';
import { isTextContent } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../walk/fixtures.js';
import { githubToken, privateKeyPem } from './secretFixtures.js';

async function tree(t: import('node:test').TestContext) {
  const root = await tempDir(t);
  const files = {
    'src/key.ts': `export const x = 1;\nconst key = \`${privateKeyPem()}\`;\n`,
    'src/token.js': `// config\nconst token = "${githubToken()}";\n`,
    'src/clean.ts': 'export const ok = true;\n',
    'bin/blob.bin': Buffer.from([0, 1, 2, 0x67, 0x68, 0x70]),
  };
  await writeTree(root, files);
  return Object.keys(files).map((p) => ({ rootPath: p, absPath: join(root, p) }));
}

test('a private key block and a GitHub token are found, withheld and named by line, rule and fingerprint', async (t) => {
  const files = await tree(t);
  const result = await scanFiles({ files, mode: 'withhold', allow: new Set(), isText: isTextContent, concurrency: 2 });
  assert.deepEqual([...result.withheld].sort(), ['src/key.ts', 'src/token.js']);
  const byPath = Object.fromEntries(result.findings.map((f) => [f.path, f]));
  assert.equal(byPath['src/key.ts']?.rule, '@secretlint/secretlint-rule-privatekey');
  assert.equal(byPath['src/key.ts']?.line, 2);
  assert.equal(byPath['src/token.js']?.rule, '@secretlint/secretlint-rule-github');
  assert.equal(byPath['src/token.js']?.line, 2);
  assert.equal(byPath['src/token.js']?.fingerprint, secretFingerprint('@secretlint/secretlint-rule-github', 'src/token.js', githubToken()));
  const text = JSON.stringify(result.findings);
  assert.ok(!text.includes(githubToken()) && !text.includes('PRIVATE KEY'), 'the secret itself is never reported');
  for (const f of result.findings) assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
});

test('an allowed fingerprint lets its file through; list mode withholds nothing; off scans nothing', async (t) => {
  const files = await tree(t);
  const first = await scanFiles({ files, mode: 'withhold', allow: new Set(), isText: isTextContent, concurrency: 2 });
  const token = first.findings.find((f) => f.path === 'src/token.js')!;
  const allowed = await scanFiles({ files, mode: 'withhold', allow: new Set([token.fingerprint]), isText: isTextContent, concurrency: 2 });
  assert.deepEqual([...allowed.withheld], ['src/key.ts']);
  assert.deepEqual(allowed.findings.find((f) => f.path === 'src/token.js'), { ...token, withheld: false, allowed: true });

  const listed = await scanFiles({ files, mode: 'list', allow: new Set(), isText: isTextContent, concurrency: 2 });
  assert.equal(listed.withheld.size, 0);
  assert.equal(listed.findings.length, 2);
  assert.ok(listed.findings.every((f) => !f.withheld));

  const off = await scanFiles({ files, mode: 'off', allow: new Set(), isText: isTextContent, concurrency: 2 });
  assert.deepEqual(off, { findings: [], withheld: new Set() });
});

test('names with a line break or "::end" are scanned without crashing the process (secretlint profiler marks)', async (t) => {
  const root = await tempDir(t);
  const names = ['src/new\nline.ts', 'src/a::end.ts', 'src/b\u2028c.ts'];
  await writeTree(root, Object.fromEntries(names.map((n) => [n, `const token = "${githubToken()}";\n`])));
  const files = names.map((p) => ({ rootPath: p, absPath: join(root, p) }));
  const result = await scanFiles({ files, mode: 'withhold', allow: new Set(), isText: isTextContent, concurrency: 3 });
  assert.deepEqual([...result.withheld].sort(), [...names].sort());
  // The profiler measures in detached promises: let them run, so a bad mark would fail this test.
  await new Promise((resolve) => setTimeout(resolve, 50));
});
