/**
 * The package as a user installs it: `npm pack`, a fresh project that installs the tarball, a
 * strict TypeScript build against the shipped declarations (`moduleResolution: nodenext`, no
 * `skipLibCheck`), then README's "Use as a library" example run as it is — pack, verify,
 * consume — and the installed `llm-packer` command on the same pack.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/tmp.js';
import { readTree, writeTree } from '../pack/packFixtures.js';
import { installConsumer, packTarball } from './npmPack.js';
import { codeBlock, readReadme, readmeSection } from './readmeSections.js';

const run = promisify(execFile);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    types: ['node'],
    rootDir: 'src',
    outDir: 'out',
    noEmitOnError: true,
  },
  include: ['src'],
};

const FIXTURE = {
  'README.md': '# fixture\n',
  'src/main.ts': 'export const answer = 42;\n',
  'src/util/strings.ts': "export const hello = 'héllo';\n",
  'docs/notes.txt': 'line one\r\nline two\r\n',
};

test('a fresh project installs the tarball, compiles strictly against it and runs README\'s example', async (t) => {
  const dir = await tempDir(t, 'llmp-consumer-');
  const packed = await packTarball(dir);
  const app = join(dir, 'app');
  await mkdir(join(app, 'src'), { recursive: true });
  await installConsumer(app, packed);

  const example = codeBlock(readmeSection(await readReadme(), 'Use as a library'), 'ts');
  await writeFile(join(app, 'src', 'example.ts'), example);
  await writeFile(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  const tsc = await run(process.execPath, [TSC, '-p', app]).catch((err: { stdout?: string; message: string }) => {
    throw new Error(`tsc failed on the installed package:\n${err.stdout ?? err.message}`);
  });
  assert.equal(tsc.stdout, '');

  const fixture = join(dir, 'fixture');
  await writeTree(fixture, FIXTURE);
  const { stdout } = await run(process.execPath, [join(app, 'out', 'example.js'), fixture], { cwd: app });
  const outDir = /^packed 4 files into (.+)$/m.exec(stdout)?.[1];
  assert.ok(outDir, stdout);
  assert.match(stdout, /^manifest sha256:[0-9a-f]{64}$/m);
  assert.doesNotMatch(stdout, /^FAIL/m);
  const out = /^rebuilt 4 files in (.+)$/m.exec(stdout)?.[1];
  assert.ok(out, stdout);
  t.after(() => rm(join(out, '..'), { recursive: true, force: true }));
  const rebuilt = await readTree(out);
  assert.deepEqual([...rebuilt.keys()], Object.keys(FIXTURE).sort());
  for (const [path, bytes] of rebuilt) assert.ok(bytes.equals(Buffer.from(FIXTURE[path as keyof typeof FIXTURE])), path);

  // The installed command, as `npm install -g` or `npx` would run it.
  const bin = join(app, 'node_modules', '.bin', 'llm-packer');
  const version = await run(bin, ['--version']);
  const ours = JSON.parse(await readFile(join(app, 'node_modules', 'llm-packer', 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), ours.version);
  const verify = await run(bin, ['verify', outDir, '--root', fixture]).catch((err: Error) => err);
  assert.ok(!(verify instanceof Error), String(verify));
  assert.match(verify.stdout, /^ok /m);
});
