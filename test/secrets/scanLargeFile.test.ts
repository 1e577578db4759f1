/**
 * Files over SCAN_WHOLE_BYTES are scanned in overlapping line-cut chunks (scanLargeFile.ts): a
 * secret anywhere — at the start, straddling a chunk boundary, at the very end — is found with its
 * true line number and counted once; a large file that is not text is not scanned; and the file is
 * never read whole (a 2 GiB file failed with IO_ERROR before).
 */
import assert from 'node:assert/strict';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanFiles } from '../../src/secrets/index.js';
import { SCAN_WHOLE_BYTES } from '../../src/secrets/scanLargeFile.js';
import { isTextContent } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { githubToken, privateKeyPem } from './secretFixtures.js';

const LINE = 'const filler = "nothing secret on this line at all, just text";\n'; // 64 bytes
const CHUNK = 4 << 20;

test('a large file: secrets at the start, across a chunk boundary and at the end are found once, on their lines', async (t) => {
  const dir = await tempDir(t);
  const key = privateKeyPem();
  const keyLines = key.split('\n').length - 1;
  // Enough filler lines that the key block starts 1 KiB before the first 4 MiB chunk ends.
  const before = Math.floor((CHUNK - 1024) / LINE.length);
  const lines: string[] = [`const token = "${githubToken()}";\n`];
  for (let i = 1; i < before; i++) lines.push(LINE);
  lines.push(`const key = \`${key}\`;\n`);
  const afterKey = Math.ceil((SCAN_WHOLE_BYTES + CHUNK) / LINE.length);
  for (let i = 0; i < afterKey; i++) lines.push(LINE);
  const other = `ghp_${[...githubToken().slice(4)].reverse().join('')}`; // another token: its own fingerprint
  lines.push(`const again = "${other}";\n`);
  const path = join(dir, 'big.ts');
  await writeFile(path, lines.join(''));
  const size = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
  assert.ok(size > SCAN_WHOLE_BYTES);
  let wholeReads = 0;
  const read = () => (wholeReads++, Buffer.alloc(0));
  const result = await scanFiles({ files: [{ rootPath: 'big.ts', absPath: path, size }], mode: 'withhold', allow: new Set(), isText: isTextContent, concurrency: 1, read });
  assert.equal(wholeReads, 0, 'never read whole');
  const found = result.findings.map((f) => [f.line, f.rule.replace('@secretlint/secretlint-rule-', '')]);
  const keyLine = before + 1;
  const lastLine = keyLine + keyLines + 1 + afterKey; // the key line holds keyLines + 1 line breaks
  assert.deepEqual(found, [[1, 'github'], [keyLine, 'privatekey'], [lastLine, 'github']]);
  assert.deepEqual([...result.withheld], ['big.ts']);
});

test('a large file that is not text is not scanned; a sparse 2 GiB file costs one chunk', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'huge.md');
  const size = 2 ** 31;
  const fh = await open(path, 'w');
  await fh.write(`# head ${githubToken()}\n`);
  await fh.truncate(size);
  await fh.close();
  const result = await scanFiles({ files: [{ rootPath: 'huge.md', absPath: path, size }], mode: 'withhold', allow: new Set(), isText: isTextContent, concurrency: 1 });
  assert.deepEqual(result.findings, []);
});
