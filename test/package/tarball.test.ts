/**
 * The file list of the published package (`npm pack --dry-run --json`): what a user needs is in
 * it, nothing of our workshop is, every relative import of a shipped file resolves to a shipped
 * file, and every package a shipped file imports is a dependency.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { before, test } from 'node:test';
import { PACKAGE_DIR, listTarball, type PackResult } from './npmPack.js';

let packed: PackResult;
let paths: Set<string>;

before(async () => {
  packed = await listTarball();
  paths = new Set(packed.files.map((f) => f.path));
});

const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
};

/** `./dist/index.js` → `dist/index.js`. */
const rel = (p: string) => posix.normalize(p).replace(/^\.\//, '');

test('the tarball holds the launcher, the library, its types, the schema and the documents', () => {
  const must = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'schema/llm-packer.config.schema.json',
    'dist/index.js',
    'dist/index.d.ts',
    ...Object.values(pkg.bin).map(rel),
    rel(pkg.main),
    rel(pkg.types),
  ];
  for (const target of Object.values(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) must.push(rel(file));
  }
  const missing = [...new Set(must)].filter((p) => !paths.has(p));
  assert.deepEqual(missing, [], `missing from the tarball: ${missing.join(', ')}`);
});

test('the tarball holds no tests, benchmarks, scripts, sources, configs or stray maps', () => {
  const forbidden = /^(test|bench|scripts|src|node_modules|\.llm-packer|\.github)\/|^tsconfig.*\.json$|\.tgz$|\.test\.|\.stress\./;
  const stray = [...paths].filter((p) => forbidden.test(p));
  assert.deepEqual(stray, []);
  // A source map is only worth shipping with the source it points at; we ship neither.
  const maps = [...paths].filter((p) => p.endsWith('.map'));
  assert.deepEqual(maps, [], 'source maps without their sources');
});

/** `import … from 'x'`, `export … from 'x'`, `import 'x'` at the start of a line; `import('x')` anywhere. */
const IMPORT = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1|^\s*import\s*(['"])([^'"]+)\3|\bimport\(\s*(['"])([^'"]+)\5\s*\)/gm;

/** Every specifier a shipped file imports (static, dynamic, type-only and side-effect imports). */
async function importsOf(path: string): Promise<string[]> {
  // Lines of a doc comment (a bundled library's JSDoc `@param {import('./x.js').T}`) import nothing.
  const text = (await readFile(join(PACKAGE_DIR, path), 'utf8'))
    .split('\n')
    .filter((line) => !/^\s*\*/.test(line))
    .join('\n');
  return [...text.matchAll(IMPORT)].map((m) => (m[2] ?? m[4] ?? m[6]) as string);
}

const shippedCode = () => [...paths].filter((p) => /\.(m?js|d\.ts)$/.test(p));

test('every relative import of a shipped file resolves to a shipped file', async () => {
  const broken: string[] = [];
  for (const file of shippedCode()) {
    for (const spec of await importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      let target = posix.join(dirname(file), spec);
      if (file.endsWith('.d.ts')) target = target.replace(/\.js$/, '.d.ts');
      if (!paths.has(target)) broken.push(`${file} → ${spec}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every package a shipped file imports is a dependency (types included)', async () => {
  const builtins = new Set(builtinModules);
  const undeclared: string[] = [];
  for (const file of shippedCode()) {
    for (const spec of await importsOf(file)) {
      if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
      if (!(name in pkg.dependencies)) undeclared.push(`${file} → ${spec}`);
    }
  }
  assert.deepEqual(undeclared, []);
});
