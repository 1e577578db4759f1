import { PackerError } from '../util/index.js';
import { decideIgnored, makeRuleSet, type RuleChain, type RuleSet } from '../walk/gitignoreRules.js';
import { DEFAULT_IGNORE_PATTERNS } from './defaultIgnores.js';
import type { OmittedEntry, PatternList, SelectOptions } from './types.js';

/** Where the default ignores say they come from. */
const DEFAULT_IGNORES_SOURCE = 'default ignores';

/** The user's selection, compiled once per run and shared by the walk and `why`. */
export interface SelectRules {
  /** The lowest-precedence rule sets (the default ignores, when on). */
  lower: RuleChain;
  /** The highest-precedence rule sets (config `ignore`, then `--ignore`). */
  upper: RuleChain;
  /** The entry for a file no `--include` pattern (or `--stdin` line) takes; undefined when it is taken. */
  outsideInclude(rel: string): OmittedEntry | undefined;
  /** Whether a folder may hold a file the `--stdin` list names (always true without a list). */
  mayHold(dirRel: string): boolean;
  /** The `--stdin` list, when there is one. */
  paths?: ReadonlySet<string>;
}

function checkPattern(pattern: string, source: string): void {
  if (/[\r\n]/.test(pattern)) {
    throw new PackerError('USAGE', ` ${source}: the pattern ${JSON.stringify(pattern)} holds a line break`);
  }
}

/** One rule set per list; each pattern is its own line, so a decision names its position. */
function compileList(list: PatternList, kind: 'ignore' | 'default'): RuleSet {
  for (const p of list.patterns) checkPattern(p, list.source);
  return makeRuleSet('', list.patterns.join('\n'), list.source, kind);
}

interface IncludeMatcher {
  lists: readonly PatternList[];
  sets: RuleChain;
}

function compileInclude(lists: readonly PatternList[]): IncludeMatcher | undefined {
  const used = lists.filter((l) => l.patterns.length > 0);
  if (used.length === 0) return undefined;
  return { lists: used, sets: used.map((l) => compileList(l, 'ignore')) };
}

/**
 * gitignore semantics for a list that selects: a file is taken when a pattern takes it or one of
 * its folders (`src/` takes everything below it), the last matching pattern deciding.
 */
function takes(include: IncludeMatcher, rel: string): boolean {
  for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
    if (decideIgnored(include.sets, rel.slice(0, i), true).ignored) return true;
  }
  return decideIgnored(include.sets, rel, false).ignored;
}

function describeInclude(include: IncludeMatcher): Pick<OmittedEntry, 'rule' | 'source'> {
  const patterns = include.lists.flatMap((l) => l.patterns);
  return { rule: patterns.join(' '), source: [...new Set(include.lists.map((l) => l.source))].join(', ') };
}

/** `a/b/c` → `a`, `a/b` (the folders a walk must enter to reach the file). */
function ancestorsOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>(['']);
  for (const p of paths) {
    for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) dirs.add(p.slice(0, i));
  }
  return dirs;
}

/**
 * Compile the user's selection. `defaultsApply` is false for the AGS scopes (their selection is
 * docs/FORMATS.md §10's), whatever `options.defaultIgnores` says.
 */
export function compileSelectRules(options: SelectOptions, defaultsApply: boolean): SelectRules {
  const useDefaults = defaultsApply && options.defaultIgnores !== false;
  const lower = useDefaults ? [compileList({ source: DEFAULT_IGNORES_SOURCE, patterns: DEFAULT_IGNORE_PATTERNS }, 'default')] : [];
  const upper = (options.ignore ?? []).filter((l) => l.patterns.length > 0).map((l) => compileList(l, 'ignore'));
  const include = compileInclude(options.include ?? []);
  const paths = options.paths === undefined ? undefined : new Set(options.paths);
  const dirs = paths === undefined ? undefined : ancestorsOf(paths);
  return {
    lower,
    upper,
    ...(paths ? { paths } : {}),
    mayHold: (dirRel) => dirs === undefined || dirs.has(dirRel),
    outsideInclude: (rel) => {
      if (paths !== undefined && !paths.has(rel)) return { path: rel, reason: 'outside-include', rule: 'not listed', source: '--stdin' };
      if (include === undefined || takes(include, rel)) return undefined;
      return { path: rel, reason: 'outside-include', ...describeInclude(include) };
    },
  };
}

/** No user rules at all: what the library uses when the caller gives none. */
export const NO_SELECT_RULES: SelectRules = compileSelectRules({ defaultIgnores: false }, false);
