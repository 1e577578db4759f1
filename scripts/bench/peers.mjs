// The peers the benchmark compares with, installed for the benchmark only: never dependencies of
// the project (repomix 1.14 made npm ci slow). Each version goes into its own git-ignored folder
// bench/.peers/<name>-<version>/ with `npm install --prefix`, once; later runs reuse it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './benchError.mjs';

/** repomix's current release, and the release the earlier benchmarks used (for continuity). */
export const REPOMIX_VERSIONS = ['1.18.1', '1.14.0'];

/** The releases that keep a token-count cache across runs (REPOMIX_TOKEN_CACHE_PATH). */
const WITH_TOKEN_CACHE = new Set(['1.18.1']);

/** @returns {{ name: string, version: string, bin: string, tokenCache: boolean }} */
export function ensureRepomix(repoRoot, version, log) {
  const prefix = join(repoRoot, 'bench', '.peers', `repomix-${version}`);
  const pkgDir = join(prefix, 'node_modules', 'repomix');
  const bin = join(pkgDir, 'bin', 'repomix.cjs');
  if (!existsSync(bin)) {
    log(`installing repomix@${version} into ${prefix} (benchmark only)`);
    const run = spawnSync('npm', ['install', '--prefix', prefix, `repomix@${version}`, '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(bin)) {
      throw new BenchError(`could not install repomix@${version} (pass --no-repomix to skip it)`, { detail: run.stderr });
    }
  }
  const installed = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  if (installed !== version) throw new BenchError(`${prefix} holds repomix ${installed}, not ${version}: remove it`);
  return { name: `repomix-${version}`, version, bin, tokenCache: WITH_TOKEN_CACHE.has(version) };
}
