#!/usr/bin/env node
// The floor: what no pack can avoid. Each packed file is read once, hashed once (SHA-256) and its
// bytes written once, into a fresh folder; one process, synchronous calls, no other work.
// usage: node floorCopy.mjs <root> <list file: paths relative to root, each ended by NUL> <dest>
// Prints {"files","bytes","check"}.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [root, listFile, dest] = process.argv.slice(2);
if (root === undefined || listFile === undefined || dest === undefined) {
  process.stderr.write('usage: floorCopy.mjs <root> <NUL-separated list file> <dest>\n');
  process.exit(2);
}
const WHOLE = 4 << 20;
const paths = readFileSync(listFile, 'utf8').split('\0').filter((p) => p !== '');
const made = new Set();
const chunk = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
let check = 0;

function copyStreamed(from, to, hash) {
  const src = openSync(from, 'r');
  const out = openSync(to, 'wx');
  try {
    for (let n = readSync(src, chunk, 0, chunk.length, null); n > 0; n = readSync(src, chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, n));
      writeSync(out, chunk, 0, n);
      bytes += n;
    }
  } finally {
    closeSync(src);
    closeSync(out);
  }
}

for (const path of paths) {
  const to = join(dest, path);
  const dir = dirname(to);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const hash = createHash('sha256');
  if (statSync(join(root, path)).size > WHOLE) {
    copyStreamed(join(root, path), to, hash);
  } else {
    const data = readFileSync(join(root, path));
    hash.update(data);
    writeFileSync(to, data, { flag: 'wx' });
    bytes += data.length;
  }
  check ^= hash.digest()[0]; // use the digest, so no engine could skip the work
}
process.stdout.write(`${JSON.stringify({ files: paths.length, bytes, check })}\n`);
