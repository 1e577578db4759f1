import { open } from 'node:fs/promises';

/** Chunk size for streamed reads: large enough to amortise syscalls, small enough to stay flat. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Read a file in fixed-size chunks through one reused buffer. Each chunk is only valid until the
 * next one is requested, so callers must consume it (hash, write) before iterating on.
 */
export async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
