/**
 * The limits stage: decide which candidates are text (cheaply, for `content` scopes) and check
 * every limit before anything is written to the store or the out dir.
 */
import type { ScanResult, SecretFinding } from '../secrets/index.js';
import type { OmittedEntry, OversizePolicy } from '../select/index.js';
import { open } from 'node:fs/promises';
import { hashFile } from '../cas/index.js';
import type { TreePathIssue } from '../paths/index.js';
import type { PackLimits, Scope } from '../scopes/index.js';
import { type PackerError, mapLimit } from '../util/index.js';
import type { Selection, SourceFile } from '../walk/index.js';
import { checkPackPaths } from './checkPackPaths.js';
import { duplicateError, limitError } from './limitError.js';
import { SNIFF_BYTES, sniffTextPrefix } from './sniffText.js';
import { sourceError } from './sourceError.js';

export interface ScreenInput {
  selection: Selection;
  scope: Scope;
  isTextContent: (bytes: Uint8Array) => boolean;
  concurrency: number;
  /** The secret scan (see `scanFiles`); absent: no scan. */
  scan?: (files: readonly SourceFile[]) => Promise<ScanResult>;
  /** A text file over the per-file limit: left out as too large, or the pack refused (default). */
  oversize?: OversizePolicy;
  /** Pack paths only some systems refuse, and report them (`unportable`), instead of refusing. */
  allowUnportablePaths?: boolean;
}

export interface Screened {
  /** Files to read and pack, in pack order. */
  files: readonly SourceFile[];
  /** Files left out as not text. */
  omitted: readonly SourceFile[];
  /** Sum of the sizes of `files`. */
  bytes: number;
  /** Files kept out because the secret scan found a secret in them. */
  withheld: readonly SourceFile[];
  /** Text files left out as larger than the per-file limit (`oversize: 'omit'`), never scanned. */
  tooLarge: readonly SourceFile[];
  /** Every secret finding, withheld or only listed. */
  findings: readonly SecretFinding[];
  /** Every other path the walk left out, with its reason (`Selection.ignored`). */
  ignored: readonly OmittedEntry[];
  /** With `allowUnportablePaths`: each packed path only some systems refuse, and why (one line). */
  unportable: readonly TreePathIssue[];
}

export async function sniffFile(file: SourceFile, isTextContent: ScreenInput['isTextContent']): Promise<boolean> {
  try {
    const fh = await open(file.absPath, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      // A prefix that is the whole file gets the full test.
      return bytesRead <= SNIFF_BYTES ? isTextContent(buf.subarray(0, bytesRead)) : sniffTextPrefix(buf.subarray(0, SNIFF_BYTES));
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw sourceError(err, file.path);
  }
}

/** The error of a file over the per-file limit, where that limit refuses the pack. */
export function entryLimitError(file: SourceFile, limits: PackLimits): PackerError {
  return limitError('max_entry_bytes', `${file.size} > ${limits.maxEntryBytes}`, `file ${file.rootPath}`);
}

/** Entry count, bytes of one entry, total bytes, in that order; the first breach throws. */
function checkLimits(files: readonly SourceFile[], limits: PackLimits): number {
  if (files.length > limits.maxEntries) throw limitError('max_entries', `${files.length} > ${limits.maxEntries}`);
  let total = 0;
  for (const f of files) {
    if (f.size > limits.maxEntryBytes) throw entryLimitError(f, limits);
    total += f.size;
  }
  if (total > limits.maxTotalBytes) throw limitError('max_total_bytes', `${total} > ${limits.maxTotalBytes}`);
  return total;
}

/** With duplicates disallowed, hash every file first (a read, no write) and refuse shared content. */
async function checkDuplicates(files: readonly SourceFile[], concurrency: number): Promise<void> {
  const hashes = await mapLimit(files, concurrency, async (f) => {
    try {
      return (await hashFile(f.absPath)).hash;
    } catch (err) {
      throw sourceError(err, f.path);
    }
  });
  const seen = new Map<string, string>();
  hashes.forEach((hash, i) => {
    const path = files[i]!.rootPath;
    const first = seen.get(hash);
    if (first !== undefined) throw duplicateError(`2 files share sha256 ${hash.slice(0, 12)}`, `${first} and ${path}`);
    seen.set(hash, path);
  });
}

/** Files at least this large are always sniffed, so a large binary is never streamed in. */
const ALWAYS_SNIFF_BYTES = 1 << 20;

/**
 * Which candidates need a sniff. The limits hold for the text files if they hold for all the
 * candidates, so in the common case only files above the entry limit (or large ones) are
 * sniffed; when a total is over, every file is, and the numbers are those of the text files.
 * A file left unsniffed that is not text is found by the read stage and only makes totals smaller.
 */
function filesToSniff(files: readonly SourceFile[], limits: PackLimits): readonly SourceFile[] {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (files.length > limits.maxEntries || total > limits.maxTotalBytes) return files;
  return files.filter((f) => f.size > Math.min(limits.maxEntryBytes, ALWAYS_SNIFF_BYTES));
}

export async function screenFiles(input: ScreenInput): Promise<Screened> {
  const { selection, scope } = input;
  let files: readonly SourceFile[] = selection.files;
  let omitted: readonly SourceFile[] = selection.omitted;
  if (scope.textRule === 'content') {
    const sniffed = filesToSniff(selection.files, scope.limits);
    const text = await mapLimit(sniffed, input.concurrency, (f) => sniffFile(f, input.isTextContent));
    const notText = new Set(sniffed.filter((_, i) => !text[i]));
    files = selection.files.filter((f) => !notText.has(f));
    omitted = [...selection.omitted, ...notText];
  }
  // Where the per-file limit omits, a text file over it is left out here: never scanned, never
  // counted for the other limits.
  let tooLarge: readonly SourceFile[] = [];
  if (input.oversize === 'omit') {
    tooLarge = files.filter((f) => f.size > scope.limits.maxEntryBytes);
    if (tooLarge.length > 0) files = files.filter((f) => f.size <= scope.limits.maxEntryBytes);
  }
  // The entry limit holds for the candidates before any scan: a tree far over it is refused at
  // once instead of after scanning every file for secrets.
  // So does the per-file limit where it refuses: a 2 GiB file is refused before it is read.
  if (files.length > scope.limits.maxEntries || files.some((f) => f.size > scope.limits.maxEntryBytes)) checkLimits(files, scope.limits);
  // Scanned before the other limits, so a withheld file counts for none of them.
  const scan = input.scan ? await input.scan(files) : { findings: [], withheld: new Set<string>() };
  const withheld = files.filter((f) => scan.withheld.has(f.rootPath));
  if (withheld.length > 0) files = files.filter((f) => !scan.withheld.has(f.rootPath));
  const bytes = checkLimits(files, scope.limits);
  const unportable = checkPackPaths(files, scope, { allowUnportable: input.allowUnportablePaths === true });
  if (!scope.limits.allowDuplicateHashes) await checkDuplicates(files, input.concurrency);
  return { files, omitted, bytes, withheld, tooLarge, findings: scan.findings, ignored: selection.ignored, unportable };
}
