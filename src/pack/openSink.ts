import { open } from 'node:fs/promises';

/**
 * A buffered, append-only file writer for the large markdown outputs. Buffers passed to `write`
 * are kept until the next flush, not copied: callers must not reuse them.
 */
export interface Sink {
  write(data: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_BYTES = 1 << 20;

/** Open `path` for writing: `new` refuses an existing file, `append` continues one. */
export async function openSink(path: string, how: 'new' | 'append' = 'new'): Promise<Sink> {
  const fh = await open(path, how === 'new' ? 'wx' : 'a');
  let chunks: Buffer[] = [];
  let pending = 0;
  async function flush(): Promise<void> {
    if (pending === 0) return;
    const out = chunks;
    chunks = [];
    pending = 0;
    await fh.writev(out);
  }
  return {
    async write(data) {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      chunks.push(buf);
      pending += buf.length;
      if (pending >= FLUSH_BYTES) await flush();
    },
    async close() {
      try {
        await flush();
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
  };
}
