/**
 * The S3 side of a remote store. `@aws-sdk/client-s3` is imported here and only here, on demand,
 * so that commands without `--remote` never load it. Credentials come from the SDK's provider
 * chain (environment variables, then the shared config and credentials files).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { objectRelPath } from '../cas/index.js';
import { isHash } from '../util/index.js';
import { parseRemoteUrl } from './parseRemoteUrl.js';
import { isNotFound, isPreconditionFailed, remoteError } from './remoteError.js';
import type { OpenRemoteOptions, RemoteDoc, RemoteObjectInfo, RemoteStore, WriteCondition } from './types.js';

const OBJECTS = 'cas/';
const RUNS = 'runs/';

/**
 * Open a team store on S3-compatible storage (`--remote s3://BUCKET/PREFIX`) and check that its
 * bucket answers to our credentials, which come from the AWS SDK's provider chain (environment,
 * shared config and credentials files). Pass the result to {@link pushRun} and {@link pullRef};
 * `close()` it when done.
 *
 * @param options - The URL, and the endpoint and region of an S3-compatible service.
 * @returns The remote store.
 * @throws {@link PackerError} `USAGE` for a malformed URL; `REMOTE_AUTH`,
 *   `REMOTE_NO_BUCKET`, `REMOTE_UNREACHABLE` or `REMOTE_ERROR` when the bucket does not answer.
 * @example
 * ```ts
 * import { openCas, openRemote, pushRun } from 'llm-packer';
 *
 * const remote = await openRemote({ url: 's3://team-packs/llm', endpoint: 'https://s3.example.com' });
 * try {
 *   await pushRun({ cas: openCas(casRoot), runsDir, remote, statusRef: summary.refs.statusRef });
 * } finally {
 *   remote.close();
 * }
 * ```
 */
export async function openRemote(options: OpenRemoteOptions): Promise<RemoteStore> {
  const location = parseRemoteUrl(options.url);
  const loaded = await import('@aws-sdk/client-s3');
  // Bundled (the CLI), the CommonJS package arrives as a namespace whose exports sit on `default`.
  const s3: typeof loaded = 'S3Client' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;
  const client = new s3.S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
    // Our digests guard every byte; the SDK's default trailing checksums (aws-chunked uploads) are
    // not understood by every S3-compatible server, so checksums are sent only where S3 needs them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK would print its retry notes on the console; failures reach the caller as errors.
    logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const Bucket = location.bucket;
  const objectKey = (hash: string) => `${location.prefix}${OBJECTS}${objectRelPath(hash)}`;
  const docKey = (name: string) => `${location.prefix}${RUNS}${name}`;
  const fail = (what: string) => (err: unknown) => {
    throw remoteError(err, location, what);
  };

  async function head(Key: string): Promise<boolean> {
    try {
      await client.send(new s3.HeadObjectCommand({ Bucket, Key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw remoteError(err, location, `looking up ${Key}`);
    }
  }

  async function listKeys(Prefix: string): Promise<{ key: string; size: number; lastModified: Date | undefined }[]> {
    const out: { key: string; size: number; lastModified: Date | undefined }[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client
        .send(new s3.ListObjectsV2Command({ Bucket, Prefix, ...(ContinuationToken ? { ContinuationToken } : {}) }))
        .catch(fail(`listing ${Prefix}`));
      for (const o of page.Contents ?? []) out.push({ key: o.Key ?? '', size: o.Size ?? 0, lastModified: o.LastModified });
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out;
  }

  const store: RemoteStore = {
    location,
    hasObject: (hash) => head(objectKey(hash)),
    async putObject(hash, body) {
      // Bytes in memory can be sent again by the SDK's retries; a streamed file cannot.
      const Body = Buffer.isBuffer(body) ? body : createReadStream(body.file);
      const ContentLength = Buffer.isBuffer(body) ? body.length : body.size;
      await client
        .send(new s3.PutObjectCommand({ Bucket, Key: objectKey(hash), Body, ContentLength }))
        .catch(fail(`uploading object ${hash}`));
    },
    async getObjectToFile(hash, dest) {
      let body: Readable;
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket, Key: objectKey(hash) }));
        body = res.Body as Readable;
      } catch (err) {
        if (isNotFound(err)) throw remoteError(Object.assign(new Error('not found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }), location, `downloading object ${hash}`);
        throw remoteError(err, location, `downloading object ${hash}`);
      }
      await pipeline(body, createWriteStream(dest, { flags: 'wx' })).catch(fail(`downloading object ${hash}`));
    },
    async listObjects(): Promise<RemoteObjectInfo[]> {
      const keys = await listKeys(`${location.prefix}${OBJECTS}`);
      const out: RemoteObjectInfo[] = [];
      for (const k of keys) {
        const name = k.key.slice(k.key.lastIndexOf('/') + 1);
        // Only names of 64 hex characters in their right folder are objects (as in a local store).
        if (isHash(name) && k.key === objectKey(name)) out.push({ hash: name, size: k.size, lastModified: k.lastModified });
      }
      return out;
    },
    async deleteObject(hash) {
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: objectKey(hash) })).catch(fail(`deleting object ${hash}`));
    },
    async readDoc(name): Promise<RemoteDoc | undefined> {
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket, Key: docKey(name) }));
        const text = await (res.Body as { transformToString(): Promise<string> }).transformToString();
        return { text, etag: unquote(res.ETag ?? ''), lastModified: res.LastModified };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw remoteError(err, location, `reading ${docKey(name)}`);
      }
    },
    async writeDoc(name, text, condition: WriteCondition) {
      // Some S3-compatible servers match If-Match only against the bare tag: send it unquoted.
      const cond = 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: '*' };
      try {
        await client.send(new s3.PutObjectCommand({ Bucket, Key: docKey(name), Body: text, ContentType: 'application/json', ...cond }));
        return true;
      } catch (err) {
        if (isPreconditionFailed(err)) return false;
        throw remoteError(err, location, `writing ${docKey(name)}`);
      }
    },
    async deleteDoc(name, ifMatch) {
      if (ifMatch !== undefined) {
        const now = await store.readDoc(name);
        if (now === undefined || now.etag !== ifMatch) return false;
      }
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: docKey(name) })).catch(fail(`deleting ${docKey(name)}`));
      return true;
    },
    async listDocs(prefix) {
      const base = docKey('');
      return (await listKeys(docKey(prefix))).map((k) => ({ name: k.key.slice(base.length), lastModified: k.lastModified }));
    },
    close: () => client.destroy(),
  };
  // Fail early, with one clear line, on a missing bucket or refused credentials.
  await client.send(new s3.HeadBucketCommand({ Bucket })).catch((err: unknown) => {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) throw remoteError(Object.assign(new Error('no such bucket'), { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } }), location, 'opening the store');
    throw remoteError(err, location, 'opening the store');
  });
  return store;
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}
