import ignore, { type Ignore } from 'ignore';

/** Where a rule set comes from: git's files, the user's patterns, or the built-in default ignores. */
export type RuleKind = 'gitignore' | 'ignore' | 'default';

/** The patterns of one ignore file, which apply to its own folder (`base`) and below. */
export interface RuleSet {
  /** `/`-separated folder relative to the packed root; `''` for the root. */
  base: string;
  /** The pattern texts added, kept so a patched copy can be made (see `chainForChild`). */
  sources: readonly string[];
  /** Where the patterns were read (`sub/.gitignore`, `--ignore`, …), for the omitted-file reasons. */
  origin: string;
  kind: RuleKind;
  matcher: Ignore;
}

/** The pattern that decided, with its 1-based line in its text (one line per pattern for user lists). */
export interface DecidingRule {
  pattern: string;
  line: number;
  origin: string;
  kind: RuleKind;
}

/** Rule sets in force for a folder, shallowest first (`.git/info/exclude` before the root `.gitignore`). */
export type RuleChain = readonly RuleSet[];

export interface IgnoreDecision {
  ignored: boolean;
  /** Index in the chain of the rule set whose pattern decided; -1 when none matched. */
  decidedBy: number;
  /** The pattern that ignored the path (absent when it is not ignored). */
  rule?: DecidingRule;
}

export interface RuleOrigin {
  origin: string;
  kind: RuleKind;
}

const GITIGNORE_ORIGIN: RuleOrigin = { origin: '.gitignore', kind: 'gitignore' };

export function makeRuleSet(base: string, sources: readonly string[], from: RuleOrigin = GITIGNORE_ORIGIN): RuleSet {
  // Case-sensitive, as git is on the file systems where packs are reproducible.
  const matcher = ignore({ ignorecase: false });
  // One pattern per line, marked with its line number so a decision can name it. Added one by
  // one: `add([...])` would take each array item as a single pattern.
  for (const text of sources) {
    text.split(/\r?\n/).forEach((pattern, i) => matcher.add({ pattern, mark: String(i + 1) }));
  }
  return { base, sources, origin: from.origin, kind: from.kind, matcher };
}

function relativeTo(base: string, rel: string): string {
  return base === '' ? rel : rel.slice(base.length + 1);
}

/**
 * Git's answer for one path whose parent folders are all not ignored: the deepest rule set with
 * a pattern matching the path itself decides (its last matching pattern wins); otherwise the path
 * is not ignored. Folders are tested with a trailing `/` so dir-only patterns apply.
 */
export function decideIgnored(chain: RuleChain, rel: string, isDir: boolean): IgnoreDecision {
  for (let i = chain.length - 1; i >= 0; i--) {
    const rules = chain[i] as RuleSet;
    const result = rules.matcher.test(relativeTo(rules.base, rel) + (isDir ? '/' : ''));
    if (result.ignored) {
      const { pattern = '', mark = '0' } = result.rule ?? {};
      return { ignored: true, decidedBy: i, rule: { pattern, line: Number(mark), origin: rules.origin, kind: rules.kind } };
    }
    if (result.unignored) return { ignored: false, decidedBy: i };
  }
  return { ignored: false, decidedBy: -1 };
}

/** A gitignore pattern matching exactly this path, whatever characters it holds. */
function escapePattern(path: string): string {
  return path.replace(/[\\*?[\]!# ]/g, '\\$&');
}

/**
 * The chain for the inside of folder `rel`, which was not ignored. `ignore` tests a path's parent
 * folders within one rule set; git does not (it only walks into folders that are not ignored).
 * They differ when a shallow file ignores the folder and a deeper file re-includes it: the
 * shallow rule set would then ignore everything inside. Such rule sets get a copy with a last
 * pattern re-including exactly this folder, so they judge the paths below by their own patterns.
 */
export function chainForChild(chain: RuleChain, rel: string, decision: IgnoreDecision): RuleChain {
  if (decision.ignored || decision.decidedBy <= 0) return chain;
  let patched: RuleSet[] | undefined;
  for (let i = 0; i < decision.decidedBy; i++) {
    const rules = chain[i] as RuleSet;
    const sub = relativeTo(rules.base, rel);
    if (!rules.matcher.test(`${sub}/`).ignored) continue;
    patched ??= [...chain];
    patched[i] = makeRuleSet(rules.base, [...rules.sources, `!/${escapePattern(sub)}/`], rules);
  }
  return patched ?? chain;
}
