/**
 * What the S3 tests share: the server's address (the AWS_* variables `scripts/radosgw.sh run`
 * sets), a fresh bucket per test, small trees to pack, and the built CLI with that environment.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { runBuilt, type CliResult } from '../helpers/cli.js';

// The SDK's notice that a future release needs Node 22 would clutter the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export function s3Env(): NodeJS.ProcessEnv {
  const { AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = process.env;
  if (!AWS_ENDPOINT_URL || !AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
    throw new Error('the S3 tests need a server: run them with `npm run test:s3` (scripts/radosgw.sh run …)');
  }
  return { AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}

export function s3Client(): S3Client {
  const env = s3Env();
  return new S3Client({ endpoint: env.AWS_ENDPOINT_URL, forcePathStyle: true, region: 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED' });
}

/** A new, empty bucket; returns `s3://<bucket>/<prefix>`. */
export async function freshRemote(prefix = 'team'): Promise<{ url: string; bucket: string }> {
  const bucket = `llmp-${randomBytes(6).toString('hex')}`;
  await s3Client().send(new CreateBucketCommand({ Bucket: bucket }));
  return { url: `s3://${bucket}/${prefix}`, bucket };
}

export async function putRaw(bucket: string, key: string, body: string | Buffer): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** A small tree of text files whose contents depend on `seed`. */
export async function makeTree(dir: string, seed: string, files = 12): Promise<void> {
  await mkdir(join(dir, 'src', 'lib'), { recursive: true });
  await writeFile(join(dir, 'README.md'), `# ${seed}\n`);
  for (let i = 0; i < files; i++) {
    await writeFile(join(dir, i % 2 ? 'src' : join('src', 'lib'), `m${i}.ts`), `export const v${i} = '${seed}-${i}';\n${'x'.repeat(i * 50)}\n`);
  }
}

/** Every file under `dir` (relative path → bytes), for byte-exact comparisons. */
export async function treeBytes(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    const rel = relative(dir, abs);
    if (rel.startsWith('.llm-packer')) continue;
    out.set(rel, await readFile(abs));
  }
  return out;
}

export function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runBuilt(argv, { cwd, env: { ...s3Env(), ...env } });
}
