export interface CutLines {
  lines: string[];
  /** How many of the lines were kept. */
  kept: number;
  truncated: boolean;
}

/** The leading lines whose text (with newlines) fits in `maxBytes`; at least one line when any. */
export function cutLines(lines: readonly string[], maxBytes: number): CutLines {
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (kept > 0 && used + size > maxBytes) break;
    used += size;
    kept++;
  }
  return { lines: lines.slice(0, kept), kept, truncated: kept < lines.length };
}
