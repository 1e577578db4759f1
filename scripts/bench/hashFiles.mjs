#!/usr/bin/env node
// The `hash-only` variant and the floor's hashing part: one SHA-256 pass, file by file, over the
// files a pack packed, read once each in 1 MiB chunks on one thread. Prints {"files","bytes"}.
// usage: node hashFiles.mjs <root> <list file: paths relative to root, each ended by NUL>
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const [root, listFile] = process.argv.slice(2);
if (root === undefined || listFile === undefined) {
  process.stderr.write('usage: hashFiles.mjs <root> <NUL-separated list file>\n');
  process.exit(2);
}
const paths = readFileSync(listFile, 'utf8').split('\0').filter((p) => p !== '');
const chunk = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
let check = 0;
for (const path of paths) {
  const fd = openSync(join(root, path), 'r');
  try {
    const hash = createHash('sha256');
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, n));
      bytes += n;
    }
    // Use the digest so no engine could skip the work.
    check ^= hash.digest()[0];
  } finally {
    closeSync(fd);
  }
}
process.stdout.write(`${JSON.stringify({ files: paths.length, bytes, check })}\n`);
