/**
 * `llm-packer verify <pack>`: recompute everything a pack claims — manifest bytes and ref, the run
 * records named by RUN_REFS, every payload present and intact, roots covering all of it, and a
 * full Mode B audit. Each check is named; the pack holds only if every check passed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rootAudit } from '../audit/index.js';
import type { Cas } from '../cas/index.js';
import { hashFile } from '../cas/index.js';
import { parseManifest, type PackManifest } from '../manifest/index.js';
import { parseRef } from '../artifacts/index.js';
import { packPaths, recoverPublish } from '../packdir/index.js';
import { parseRunRefs, runSnapshotHash } from '../runRecord/index.js';
import { loadOutputHashes, loadStatus, loadTaskSpec } from '../records/index.js';
import { readRoots } from '../roots/index.js';
import { assertAbsolute, canonicalJson, isPackerError, mapLimit, sha256Hex } from '../util/index.js';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyReport {
  pack: string;
  ok: boolean;
  checks: VerifyCheck[];
}

export interface VerifyOptions {
  cas: Cas;
  runsDir: string;
  root: string;
  packDir: string;
}

function message(err: unknown): string {
  return isPackerError(err) || err instanceof Error ? err.message : String(err);
}

export async function verifyPack(options: VerifyOptions): Promise<VerifyReport> {
  const { cas, runsDir } = options;
  assertAbsolute('packDir', options.packDir);
  assertAbsolute('runsDir', runsDir);
  const checks: VerifyCheck[] = [];
  const check = async <T>(name: string, fn: () => Promise<[T, string]>): Promise<T | undefined> => {
    try {
      const [value, detail] = await fn();
      checks.push({ name, ok: true, detail });
      return value;
    } catch (err) {
      checks.push({ name, ok: false, detail: message(err) });
      return undefined;
    }
  };
  // A publish a crash interrupted is settled first: the pack is the previous one or the new one.
  await recoverPublish(options.packDir);

  const loaded = await check('manifest', async () => {
    const bytes = await readFile(join(options.packDir, packPaths.liteManifest));
    const manifest = parseManifest(bytes);
    return [{ manifest, bytes, hash: sha256Hex(bytes) }, `${manifest.entries.length} entries, canonical`];
  });
  const refs = await check('run refs', async () => {
    const r = parseRunRefs(await readFile(join(options.packDir, packPaths.liteRunRefs)));
    if (loaded && r.manifest_ref !== `sha256:${loaded.hash}`) throw new Error(`manifest_ref ${r.manifest_ref} is not the manifest's hash sha256:${loaded.hash}`);
    return [r, 'canonical, manifest_ref matches the manifest bytes'];
  });
  if (!loaded || !refs) return { pack: options.packDir, ok: false, checks };
  const manifest: PackManifest = loaded.manifest;
  const payloads = manifest.entries.map((e) => parseRef(e.ref));

  await check('manifest in store', async () => {
    const stored = await cas.get(loaded.hash);
    if (!stored.equals(loaded.bytes)) throw new Error('stored manifest differs');
    return [true, `sha256:${loaded.hash}`];
  });
  await check('status', async () => {
    const s = await loadStatus(cas, refs.status_ref);
    const want = { state: 'COMPLETED', verdict: 'PASS', manifest_ref: refs.manifest_ref, task_spec_ref: refs.task_spec_ref, output_hashes_ref: refs.output_hashes_ref };
    for (const [k, v] of Object.entries(want)) if (s[k] !== v) throw new Error(`STATUS ${k} is ${JSON.stringify(s[k])}, expected ${JSON.stringify(v)}`);
    const snapshot = runSnapshotHash([refs.task_spec_ref, refs.output_hashes_ref, loaded.hash, ...payloads]);
    if (s.cas_snapshot_hash !== snapshot) throw new Error(`STATUS cas_snapshot_hash ${String(s.cas_snapshot_hash)} is not ${snapshot}`);
    return [true, 'COMPLETED/PASS, refs and snapshot hash match'];
  });
  await check('task spec', async () => {
    const spec = await loadTaskSpec(cas, refs.task_spec_ref);
    if (spec.scope !== manifest.scope) throw new Error(`TASK_SPEC scope ${JSON.stringify(spec.scope)} is not the manifest's ${manifest.scope}`);
    if (canonicalJson(spec.repo_state ?? null) !== canonicalJson(manifest.repo_state)) throw new Error('TASK_SPEC repo_state differs from the manifest');
    return [true, `scope ${manifest.scope}`];
  });
  await check('output hashes', async () => {
    const listed = await loadOutputHashes(cas, refs.output_hashes_ref);
    const want = [loaded.hash, ...payloads];
    if (canonicalJson(listed) !== canonicalJson(want)) throw new Error('OUTPUT_HASHES is not [manifest, every entry in order]');
    return [true, `${listed.length} hashes`];
  });
  await check('payloads', async () => {
    const bad: string[] = [];
    await mapLimit(manifest.entries, 4, async (e, i) => {
      const hash = payloads[i]!;
      try {
        const got = await hashFile(cas.path(hash));
        if (got.hash !== hash) bad.push(`${e.path}: object ${hash} is corrupt`);
        else if (got.size !== e.bytes) bad.push(`${e.path}: ${got.size} bytes, manifest says ${e.bytes}`);
      } catch {
        bad.push(`${e.path}: object ${hash} is missing`);
      }
    });
    if (bad.length) throw new Error(bad.sort().join('; '));
    return [true, `${payloads.length} objects present and intact`];
  });
  await check('roots', async () => {
    const { all } = await readRoots(runsDir);
    const needed = [refs.task_spec_ref, refs.output_hashes_ref, refs.status_ref, loaded.hash, ...payloads];
    const unrooted = [...new Set(needed.filter((h) => !all.has(h)))].sort();
    if (unrooted.length) throw new Error(`not rooted: ${unrooted.join(', ')}`);
    return [true, `${new Set(needed).size} hashes rooted`];
  });
  await check('audit', async () => {
    const receipt = await rootAudit({ cas, runsDir, root: options.root, outputHashesRef: refs.output_hashes_ref, full: true });
    if (receipt.verdict !== 'PASS') {
      throw new Error(`Mode B audit FAIL: ${[...receipt.required_missing, ...receipt.required_unreachable, ...(receipt.required_corrupt ?? []), ...receipt.errors].join(', ')}`);
    }
    return [true, 'Mode B (full) PASS'];
  });
  return { pack: options.packDir, ok: checks.every((c) => c.ok), checks };
}
