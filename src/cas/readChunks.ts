import { openRegularOrThrow } from '../util/index.js';

/** Chunk size for streamed reads: large enough to amortise syscalls, small enough to stay flat. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Read a file in fixed-size chunks through two reused buffers: while the caller hashes or writes
 * one chunk, the next is already being read into the other buffer. Each chunk is only valid
 * until the next one is requested, so callers must consume it (hash, write) before iterating on.
 * Anything but a regular file is refused with `notRegular()` (default: an `IO_ERROR` naming it).
 */
export async function* readChunks(path: string, notRegular?: () => Error): AsyncGenerator<Uint8Array> {
  // Only a regular file is read: a FIFO here (in the store, or swapped in for a packed file) would
  // block a plain open forever, and a device might never end.
  const fh = await openRegularOrThrow(path, notRegular);
  // Buffers no larger than the file (and one byte to see its end): two fresh megabytes for every
  // small object made verify and consume of 100 000 small files spend minutes collecting garbage.
  let size: number;
  try {
    size = Math.max(1, Math.min(CHUNK_BYTES, (await fh.stat()).size + 1));
  } catch (err) {
    await fh.close();
    throw err;
  }
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let turn = 0;
  const readInto = (buffer: Buffer) => fh.read(buffer, 0, size, null);
  let pending = readInto(buffers[0]!);
  try {
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      turn ^= 1;
      pending = readInto(buffers[turn]!);
      // Handled here so a failing read-ahead is not an unhandled rejection while the caller
      // works; the `await` above still throws it at the next step.
      pending.catch(() => undefined);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // Never close the file under a read in flight (the caller may stop early or throw).
    await pending.catch(() => undefined);
    await fh.close();
  }
}
