/**
 * A deterministic zip writer. The same entries give the same bytes on every machine: entries are
 * sorted by code point, stored (no compression, so nothing depends on the zlib Node ships), carry
 * one fixed DOS timestamp (see `zipFixedDate`), one fixed file mode, and no extra fields.
 */
import { ZipFile } from 'yazl';
import { PackerError, compareCodePoints, writeDurable } from '../util/index.js';

/** One archive member: its name inside the zip and where its bytes come from. */
export type ZipEntry = { name: string; path: string } | { name: string; bytes: Uint8Array };

export interface ZipStats {
  entries: number;
  bytes: number;
}

/** Regular file, rw-r--r--. */
export const ZIP_FILE_MODE = 0o100644;

/**
 * The timestamp of every entry: DOS date 1980-01-01, time 00:00:00. yazl turns a Date into DOS
 * fields through its local-time getters, and clamps it against a minimum it computed in the time
 * zone of the moment it was loaded; so the getters are pinned here and the instant sits safely
 * inside the DOS range. Neither `TZ` nor a change of it can move a byte.
 */
class FixedDosDate extends Date {
  constructor() {
    super(Date.UTC(1980, 0, 3));
  }
  override getFullYear(): number {
    return 1980;
  }
  override getMonth(): number {
    return 0;
  }
  override getDate(): number {
    return 1;
  }
  override getHours(): number {
    return 0;
  }
  override getMinutes(): number {
    return 0;
  }
  override getSeconds(): number {
    return 0;
  }
}

export function zipFixedDate(): Date {
  return new FixedDosDate();
}

function checkNames(entries: readonly ZipEntry[]): ZipEntry[] {
  const sorted = [...entries].sort((a, b) => compareCodePoints(a.name, b.name));
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i]!.name;
    const badPart = name.split('/').some((p) => p === '' || p === '.' || p === '..');
    const bad = name === '' || name.startsWith('/') || name.includes('\\') || badPart;
    if (bad) throw new PackerError('INPUT_INVALID', ` unsafe zip entry name ${JSON.stringify(name)}`);
    if (i > 0 && sorted[i - 1]!.name === name) throw new PackerError('INPUT_INVALID', ` duplicate zip entry ${JSON.stringify(name)}`);
  }
  return sorted;
}

/**
 * Write a zip of `entries` to `target` durably (temp file, fsync, rename). File entries are
 * streamed, so memory does not grow with their size.
 */
export async function writeZip(target: string, entries: readonly ZipEntry[]): Promise<ZipStats> {
  const sorted = checkNames(entries);
  let bytes = 0;
  await writeDurable(target, async (fh) => {
    const zip = new ZipFile();
    const output = zip.outputStream as NodeJS.ReadableStream & { destroy(err?: Error): void };
    zip.on('error', (err: Error) => output.destroy(err));
    const options = { mtime: zipFixedDate(), mode: ZIP_FILE_MODE, compress: false, forceDosTimestamp: true };
    for (const entry of sorted) {
      if ('path' in entry) zip.addFile(entry.path, entry.name, options);
      else zip.addBuffer(Buffer.from(entry.bytes), entry.name, options);
    }
    zip.end();
    for await (const chunk of output) {
      const buf = chunk as Buffer;
      await fh.write(buf);
      bytes += buf.length;
    }
  });
  return { entries: sorted.length, bytes };
}
