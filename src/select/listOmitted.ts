import type { SecretFinding } from '../secrets/index.js';
import { compareCodePoints } from '../util/index.js';
import type { OmittedEntry } from './types.js';

export interface ListOmittedInput {
  /** What the walk left out (`Selection.ignored`). */
  ignored: readonly OmittedEntry[];
  /** Root paths of the files left out as not text. */
  binary: readonly string[];
  /** The scope's text rule, which says why those are not text. */
  textRule: 'extension' | 'content';
  /** Every secret finding; the files with a withheld one are left out. */
  findings: readonly SecretFinding[];
  /** Files over the per-file limit, left out with their size and that limit (scopes that omit them). */
  tooLarge?: readonly { path: string; bytes: number; limit: number }[];
}

const NOT_TEXT: Record<ListOmittedInput['textRule'], string> = {
  content: 'holds a NUL byte or is not valid UTF-8',
  extension: "not text by the scope's extension rule",
};

/** The entry of a withheld file: its first withheld finding names the rule and the line. */
function secretEntry(path: string, findings: readonly SecretFinding[]): OmittedEntry {
  const first = findings[0] as SecretFinding;
  const rules = [...new Set(findings.map((f) => f.rule))].join(' ');
  return { path, reason: 'secret', rule: rules, source: 'meta/SECRETS.json', line: first.line };
}

/** The name of the per-file limit, as `PACK_LIMIT_EXCEEDED:max_entry_bytes` names it. */
const TOO_LARGE_RULE = 'max_entry_bytes';

/** The entry of a file over the per-file limit: the limit's name, the size and the limit. */
export function tooLargeEntry(path: string, bytes: number, limit: number): OmittedEntry {
  return { path, reason: 'too-large', rule: TOO_LARGE_RULE, bytes, limit };
}

/** meta/OMITTED.json's list: every path not packed, once, with its reason, sorted by path. */
export function listOmitted(input: ListOmittedInput): OmittedEntry[] {
  const entries: OmittedEntry[] = [...input.ignored];
  for (const path of input.binary) entries.push({ path, reason: 'binary', rule: NOT_TEXT[input.textRule] });
  for (const f of input.tooLarge ?? []) entries.push(tooLargeEntry(f.path, f.bytes, f.limit));
  const withheld = new Map<string, SecretFinding[]>();
  for (const f of input.findings) if (f.withheld) withheld.set(f.path, [...(withheld.get(f.path) ?? []), f]);
  for (const [path, findings] of withheld) entries.push(secretEntry(path, findings));
  return entries.sort((a, b) => compareCodePoints(a.path, b.path));
}
