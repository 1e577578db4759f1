import { readFileSync } from 'node:fs';
import { mapLimit } from '../util/index.js';
import { SCAN_WHOLE_BYTES, scanLargeFile } from './scanLargeFile.js';
import { scanText } from './scanText.js';
import type { SecretFinding, SecretMode } from './types.js';

/** One file to scan: its path relative to the packed root and on this machine. */
export interface ScanTarget {
  rootPath: string;
  absPath: string;
  /** Its size when known: a file over `SCAN_WHOLE_BYTES` is scanned in chunks, never read whole. */
  size?: number;
}

export interface ScanFilesInput {
  files: readonly ScanTarget[];
  mode: SecretMode;
  /** Fingerprints the config allows (known false positives). */
  allow: ReadonlySet<string>;
  /** Only files for which this is true are scanned (binary files are never packed). */
  isText: (bytes: Uint8Array) => boolean;
  concurrency: number;
  /** Read a file (default: a synchronous read, which is many times faster than `fs.promises.readFile` on a busy machine); errors propagate. */
  read?: (absPath: string) => Promise<Uint8Array> | Uint8Array;
}

export interface ScanResult {
  /** Every finding, sorted by path then line. */
  findings: SecretFinding[];
  /** Root paths of the files to keep out of the pack. */
  withheld: ReadonlySet<string>;
}

/**
 * Scan every text file with secretlint (at most `concurrency` files read at once). A file with a
 * finding whose fingerprint is not allowed is withheld in `withhold` mode; in `list` mode it is
 * only reported; `off` scans nothing.
 */
export async function scanFiles(input: ScanFilesInput): Promise<ScanResult> {
  if (input.mode === 'off') return { findings: [], withheld: new Set() };
  const read = input.read ?? ((p: string) => readFileSync(p));
  const perFile = await mapLimit(input.files, input.concurrency, async (file) => {
    const raw = await scanOne(file, read, input.isText);
    return raw.map((f) => {
      const allowed = input.allow.has(f.fingerprint);
      return { path: file.rootPath, ...f, withheld: input.mode === 'withhold' && !allowed, allowed };
    });
  });
  const findings = perFile.flat();
  const withheld = new Set(findings.filter((f) => f.withheld).map((f) => f.path));
  return { findings, withheld };
}

async function scanOne(file: ScanTarget, read: (absPath: string) => Promise<Uint8Array> | Uint8Array, isText: ScanFilesInput['isText']) {
  if ((file.size ?? 0) > SCAN_WHOLE_BYTES) return scanLargeFile(file.absPath, file.rootPath, isText);
  const bytes = await read(file.absPath);
  if (!isText(bytes)) return [];
  return scanText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), file.rootPath);
}
