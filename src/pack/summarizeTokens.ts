/** Where a pack's tokens go: the largest files and folders, and the token budget check. */
import type { PackedFile } from '../bundle/index.js';
import { PackerError, compareCodePoints } from '../util/index.js';

export interface Contributor {
  path: string;
  tokens: number;
}

const byTokens = (a: Contributor, b: Contributor) => b.tokens - a.tokens || compareCodePoints(a.path, b.path);

/** The `n` files whose blocks take the most tokens, most first. */
export function largestFiles(files: readonly PackedFile[], n: number): Contributor[] {
  return files
    .map((f) => ({ path: f.rootPath, tokens: f.tokens }))
    .sort(byTokens)
    .slice(0, n);
}

/** The `n` folders (`a/`, `a/b/`) whose files take the most tokens, most first. */
function largestFolders(files: readonly PackedFile[], n: number): Contributor[] {
  const totals = new Map<string, number>();
  for (const f of files) {
    const parts = f.rootPath.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      totals.set(dir, (totals.get(dir) ?? 0) + f.tokens);
    }
  }
  return [...totals].map(([path, tokens]) => ({ path, tokens })).sort(byTokens).slice(0, n);
}

/** Refuses a pack whose FULL holds more than `budget` tokens, naming what to leave out. */
export function checkTokenBudget(input: { budget: number; total: number; encoding: string; files: readonly PackedFile[] }): void {
  const { budget, total } = input;
  if (total <= budget) return;
  const list = (cs: Contributor[]) => cs.map((c) => `${JSON.stringify(c.path)} ${c.tokens}`).join(', ');
  const folders = largestFolders(input.files, 5);
  const detail = ` FULL would hold ${total} tokens (${input.encoding}), over the budget of ${budget}; largest files: ${list(largestFiles(input.files, 5))}`;
  throw new PackerError('PACK_TOKEN_BUDGET', `${detail}${folders.length > 0 ? `; largest folders: ${list(folders)}` : ''}`, {
    hint: 'leave some of these out (.gitignore or the scope\'s exclude globs), or raise --token-budget',
  });
}
