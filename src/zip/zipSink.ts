/**
 * Sequential output of a zip being written: small records are gathered and written together, the
 * position is tracked (it becomes each entry's offset), and a header written earlier can be
 * patched in place once a streamed entry's sizes and CRC are known.
 */
import type { FileHandle } from 'node:fs/promises';

const FLUSH_AT = 1 << 20;

export interface ZipSink {
  /** Bytes handed to `write` so far: where the next byte lands. */
  readonly position: number;
  write(data: Uint8Array): Promise<void>;
  /** Overwrite bytes already written at `at` (earlier than `position`). */
  patch(data: Uint8Array, at: number): Promise<void>;
  flush(): Promise<void>;
}

export function createZipSink(fh: FileHandle): ZipSink {
  let position = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const parts = pending;
    pending = [];
    pendingBytes = 0;
    await fh.writev(parts);
  };
  return {
    get position() {
      return position;
    },
    async write(data) {
      if (data.length === 0) return;
      pending.push(data);
      pendingBytes += data.length;
      position += data.length;
      if (pendingBytes >= FLUSH_AT) await flush();
    },
    async patch(data, at) {
      await flush();
      await fh.write(data, 0, data.length, at);
    },
    flush,
  };
}
