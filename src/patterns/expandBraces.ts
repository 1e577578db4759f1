/**
 * `{a,b}` alternatives of a glob, expanded into plain globs (nesting allowed, `\{` literal); a
 * brace without a comma is literal, as in picomatch. At most `limit` results: beyond that the
 * pattern is refused, since `{a,b}{c,d}…` doubles with each group.
 */

function findClose(chars: readonly string[], open: number): { close: number; commas: number[] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return commas.length > 0 ? { close: i, commas } : undefined;
    else if (c === ',' && depth === 1) commas.push(i);
  }
  return undefined;
}

export function expandBraces(pattern: string, limit: number): string[] {
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') {
      i++;
      continue;
    }
    if (chars[i] !== '{') continue;
    const group = findClose(chars, i);
    if (group === undefined) continue;
    const head = chars.slice(0, i).join('');
    const tail = chars.slice(group.close + 1).join('');
    const bounds = [i, ...group.commas, group.close];
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const option = chars.slice(bounds[k]! + 1, bounds[k + 1]).join('');
      for (const rest of expandBraces(`${option}${tail}`, limit)) {
        out.push(`${head}${rest}`);
        if (out.length > limit) throw new Error(`{…} alternatives expand to more than ${limit} patterns`);
      }
    }
    return out;
  }
  return [pattern];
}
