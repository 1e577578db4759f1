import type { DecidingRule } from '../walk/gitignoreRules.js';
import { defaultIgnoreGroupOf } from './defaultIgnores.js';
import type { OmitReason, OmittedEntry } from './types.js';

const REASON_OF_KIND: Record<DecidingRule['kind'], OmitReason> = {
  gitignore: 'gitignore',
  ignore: 'ignore',
  default: 'default-ignore',
};

/** The entry for a path an ignore rule decided; folders get a trailing `/`. */
export function entryForRule(rel: string, isDir: boolean, rule: DecidingRule): OmittedEntry {
  if (rule.kind === 'default') {
    // The built-in list has no file a user could open: name the group instead of a line.
    const group = defaultIgnoreGroupOf(rule.pattern);
    return { path: isDir ? `${rel}/` : rel, reason: 'default-ignore', rule: rule.pattern, source: `default ignores${group ? ` (${group})` : ''}` };
  }
  return {
    path: isDir ? `${rel}/` : rel,
    reason: REASON_OF_KIND[rule.kind],
    rule: rule.pattern,
    source: rule.origin,
    ...(rule.line > 0 ? { line: rule.line } : {}),
  };
}

/** The entry for a path the scope's own rules leave out (`.git`, an AGS exclusion, a config glob). */
export function entryForScope(rel: string, isDir: boolean, rule: string): OmittedEntry {
  return { path: isDir ? `${rel}/` : rel, reason: 'scope', rule };
}
