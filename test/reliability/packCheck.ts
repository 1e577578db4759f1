/**
 * Pack a tree with the built CLI and prove the pack says the truth: `verify` passes, and what
 * `consume` rebuilds is, file by file, what the manifest says (size and hash) and what was packed.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { compareCodePoints, mapLimit } from '../../src/util/index.js';
import { type Run, type RunOptions, cliOk, runChild, sha256 } from './kit.js';

export interface PackPlace {
  dir: string;
  out: string;
  casRoot: string;
  runsDir: string;
}

export function placeIn(dir: string, name = 'OUT'): PackPlace {
  return { dir, out: join(dir, name), casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
}

export function storeArgs(place: PackPlace): string[] {
  return ['--cas-root', place.casRoot, '--runs-dir', place.runsDir];
}

/** `pack <root> --out-dir … --json` with the place's store; the caller checks the result. */
export function packWithCli(place: PackPlace, root: string, args: string[] = [], options: Partial<RunOptions> = {}): Promise<Run> {
  return runChild(['pack', root, '--out-dir', place.out, '--quiet', '--json', ...storeArgs(place), ...args], { cwd: place.dir, ...options });
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  ref: string;
}

export async function readManifest(out: string): Promise<ManifestEntry[]> {
  return JSON.parse(await readFile(join(out, 'LITE', 'PACK_MANIFEST.json'), 'utf8')).entries;
}

/**
 * `verify` passes; `consume` rebuilds exactly the manifest's files, each with the size and hash
 * the manifest gives; and, when `expected` is given, those are exactly these files and bytes.
 * Returns the manifest.
 */
export async function checkPackTruth(place: PackPlace, expected?: Record<string, Buffer | string>): Promise<ManifestEntry[]> {
  await cliOk(['verify', place.out, ...storeArgs(place)], { cwd: place.dir });
  const entries = await readManifest(place.out);
  const rebuilt = join(place.dir, `consumed-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  await cliOk(['consume', place.out, '--out', rebuilt, ...storeArgs(place)], { cwd: place.dir });
  const files = await digestFiles(rebuilt);
  assert.deepEqual([...files.keys()], entries.map((e) => e.path), 'consume wrote exactly the manifest paths');
  for (const e of entries) {
    const got = files.get(e.path)!;
    assert.equal(got.size, e.bytes, `${e.path}: size as the manifest says`);
    assert.equal(`sha256:${got.sha}`, e.ref, `${e.path}: bytes as the manifest says`);
  }
  if (expected) {
    assert.deepEqual(entries.map((e) => e.path), Object.keys(expected).sort(compareCodePoints), 'the pack holds exactly the expected files');
    for (const e of entries) assert.equal(files.get(e.path)!.sha, sha256(Buffer.from(expected[e.path]!)), `${e.path}: the packed bytes`);
  }
  await rm(rebuilt, { recursive: true, force: true });
  return entries;
}

/** Every file under `dir` as path → size and sha256, each read once (sorted by code point). */
async function digestFiles(dir: string): Promise<Map<string, { size: number; sha: string }>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort(compareCodePoints);
  const digests = await mapLimit(names, 16, async (name) => {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(join(dir, name))) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { size, sha: hash.digest('hex') };
  });
  return new Map(names.map((n, i) => [n, digests[i]!]));
}
