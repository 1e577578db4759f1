import { parseGitignore, type GitignoreRule } from '../patterns/index.js';

/** Where a rule set comes from: git's files, the user's patterns, or the built-in default ignores. */
export type RuleKind = 'gitignore' | 'ignore' | 'default';

/** The patterns of one ignore file, which apply to its own folder (`base`) and below. */
export interface RuleSet {
  /** `/`-separated folder relative to the packed root; `''` for the root (and for files outside it). */
  base: string;
  rules: readonly GitignoreRule[];
  /** Where the patterns were read (`sub/.gitignore`, `--ignore`, …), for the omitted-file reasons. */
  origin: string;
  kind: RuleKind;
}

/** The pattern that ignored a path: its text, its 1-based line, where it was written. */
export interface DecidingRule {
  pattern: string;
  line: number;
  origin: string;
  kind: RuleKind;
}

/**
 * Rule sets in force for a folder, lowest precedence first: the global excludes file,
 * `info/exclude`, then `.gitignore` files from the outermost folder down.
 */
export type RuleChain = readonly RuleSet[];

export interface IgnoreDecision {
  ignored: boolean;
  /** Index in the chain of the rule set whose pattern decided; -1 when none matched. */
  decidedBy: number;
  /** The pattern that ignored the path (absent when it is not ignored). */
  rule?: DecidingRule;
}

/** `file` names the ignore file in a PATTERN_INVALID error (`sub/.gitignore`) and in the reasons. */
export function makeRuleSet(base: string, text: string, file: string, kind: RuleKind = 'gitignore'): RuleSet {
  return { base, rules: parseGitignore(text, file), origin: file, kind };
}

function relativeTo(base: string, rel: string): string {
  return base === '' ? rel : rel.slice(base.length + 1);
}

/**
 * Git's answer for one path whose parent folders are all not ignored: the deepest rule set with
 * a pattern matching the path itself decides (its last matching pattern wins); otherwise the path
 * is not ignored. Folder-only patterns match only when `isDir`.
 */
export function decideIgnored(chain: RuleChain, rel: string, isDir: boolean): IgnoreDecision {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  for (let i = chain.length - 1; i >= 0; i--) {
    const set = chain[i] as RuleSet;
    const sub = relativeTo(set.base, rel);
    for (let j = set.rules.length - 1; j >= 0; j--) {
      const rule = set.rules[j] as GitignoreRule;
      if (rule.dirOnly && !isDir) continue;
      if (!rule.test(rule.basename ? name : sub)) continue;
      if (rule.negate) return { ignored: false, decidedBy: i };
      return { ignored: true, decidedBy: i, rule: { pattern: rule.pattern, line: rule.line, origin: set.origin, kind: set.kind } };
    }
  }
  return { ignored: false, decidedBy: -1 };
}
