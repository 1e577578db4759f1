import type { GitContext } from '../walk/index.js';
import type { ExtraBlock } from './writeBodies.js';

/** `git log`-like text of the commits `--include-log` lists. */
function renderLog(log: NonNullable<GitContext['log']>): string {
  return log
    .map((c) => [`commit ${c.commit}`, `Author: ${c.author}`, `Date:   ${c.date}`, '', `    ${c.subject}`, '', ...c.files, ''].join('\n'))
    .join('\n');
}

/** The git context FULL holds after the files: the diff against HEAD, then the recent commits. */
export function renderGitExtras(git: GitContext): ExtraBlock[] {
  const extras: ExtraBlock[] = [];
  if (git.diff !== undefined) extras.push(['Git: working tree diff against HEAD', git.diff]);
  if (git.log !== undefined) extras.push([`Git: the last ${git.log.length} commits`, renderLog(git.log)]);
  return extras;
}
