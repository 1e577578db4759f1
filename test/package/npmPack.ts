/**
 * The package as npm publishes it: `npm pack` of this repository (with `--ignore-scripts`:
 * `npm test` has built `dist/` already), and a fresh consumer project that installs the tarball
 * offline. The consumer's lock file is made from ours (same versions and integrities), so
 * `npm ci --offline` takes every dependency from the npm cache and never asks the registry.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** This repository (the package npm would publish). */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackResult {
  /** The tarball's name, e.g. `llm-packer-0.1.0.tgz`. */
  filename: string;
  integrity: string;
  files: PackedFile[];
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run(NPM, args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return stdout;
}

function parsePackJson(stdout: string): PackResult {
  const [result] = JSON.parse(stdout) as PackResult[];
  if (!result) throw new Error(`npm pack printed no result: ${stdout.slice(0, 200)}`);
  return result;
}

/** What `npm pack` would put in the tarball, without writing it. */
export async function listTarball(): Promise<PackResult> {
  return parsePackJson(await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], PACKAGE_DIR));
}

/** Write the tarball into `dest`; returns its absolute path and what it holds. */
export async function packTarball(dest: string): Promise<PackResult & { tarball: string }> {
  const result = parsePackJson(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], PACKAGE_DIR));
  return { ...result, tarball: join(dest, result.filename) };
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

interface PackageJson {
  name: string;
  version: string;
  license: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
}

/**
 * A consumer project in `dir` (beside the tarball) that depends on the tarball and on
 * `@types/node`, with a lock file that pins both trees to the versions of ours; then
 * `npm ci --offline`.
 */
export async function installConsumer(dir: string, packed: PackResult & { tarball: string }): Promise<void> {
  const lock = JSON.parse(await readFile(join(PACKAGE_DIR, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const ours = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
  const spec = `file:../${basename(packed.tarball)}`;
  const typesNode = lock.packages['node_modules/@types/node']?.version;
  if (typesNode === undefined) throw new Error('package-lock.json has no @types/node');
  const dependencies = { '@types/node': typesNode, [ours.name]: spec };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies },
    [`node_modules/${ours.name}`]: {
      version: ours.version,
      resolved: spec,
      integrity: packed.integrity,
      license: ours.license,
      dependencies: ours.dependencies,
      bin: ours.bin,
      engines: ours.engines,
    },
  };
  const copy = (key: string) => {
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[key] ?? {};
    packages[key] = entry;
  };
  // Non-dev entries of our lock are exactly the tree our dependencies install.
  for (const [key, entry] of Object.entries(lock.packages)) if (key !== '' && entry.dev !== true) copy(key);
  copy('node_modules/@types/node');
  for (const dep of Object.keys((lock.packages['node_modules/@types/node']?.dependencies ?? {}) as object)) {
    copy(`node_modules/${dep}`);
  }
  const pkg = { name: 'consumer', private: true, type: 'module', dependencies };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  await npm(['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
}
