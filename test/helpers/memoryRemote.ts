/**
 * A team store in memory, for fast tests of what sits on top of a RemoteStore: objects by hash,
 * documents with a version tag and the conditional writes S3 gives. The S3 tests
 * (test/remote/*.s3.ts) check the real service; this one only has to keep the same contract.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { RemoteStore } from '../../src/remote/index.js';

export interface MemoryRemote extends RemoteStore {
  objects: Map<string, Buffer>;
  docs: Map<string, { text: string; etag: string }>;
}

export function memoryRemote(url = 's3://team/test'): MemoryRemote {
  const objects = new Map<string, Buffer>();
  const docs = new Map<string, { text: string; etag: string }>();
  let version = 0;
  const [bucket = '', ...rest] = url.slice('s3://'.length).split('/');
  return {
    location: { url, bucket, prefix: rest.length ? `${rest.join('/')}/` : '' },
    objects,
    docs,
    hasObject: async (hash) => objects.has(hash),
    async putObject(hash, body) {
      objects.set(hash, Buffer.isBuffer(body) ? Buffer.from(body) : await readFile(body.file));
    },
    async getObjectToFile(hash, dest) {
      const bytes = objects.get(hash);
      if (!bytes) throw Object.assign(new Error(`no object ${hash}`), { code: 'ENOENT' });
      await writeFile(dest, bytes, { flag: 'wx' });
    },
    listObjects: async () => [...objects].map(([hash, b]) => ({ hash, size: b.length, lastModified: new Date(0) })),
    deleteObject: async (hash) => void objects.delete(hash),
    readDoc: async (name) => {
      const d = docs.get(name);
      return d ? { text: d.text, etag: d.etag, lastModified: new Date() } : undefined;
    },
    async writeDoc(name, text, condition) {
      const d = docs.get(name);
      if ('ifAbsent' in condition ? d !== undefined : d?.etag !== condition.ifMatch) return false;
      docs.set(name, { text, etag: `v${++version}` });
      return true;
    },
    async deleteDoc(name, ifMatch) {
      if (ifMatch !== undefined && docs.get(name)?.etag !== ifMatch) return false;
      docs.delete(name);
      return true;
    },
    listDocs: async (prefix) => [...docs.keys()].filter((n) => n.startsWith(prefix)).map((name) => ({ name, lastModified: new Date() })),
    close: () => undefined,
  };
}
