/**
 * Run a glob program over a path without backtracking: the set of live steps advances one
 * character at a time (Thompson's construction), so a match costs at most (characters of the
 * path) × (steps of the program), whatever the pattern. A program with at most one loop cannot
 * backtrack badly and runs as a native RegExp, which is faster.
 */
import type { Op, PathTest, Program } from './types.js';

function isLoop(op: Op): boolean {
  return op.t === 'star' || op.t === 'dstar' || op.t === 'split';
}

function escapeRegExp(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/gu, '\\$&');
}

/**
 * A RegExp for a program with at most one loop (an optional `**\/` group counts as one): its
 * backtracking is bounded by the path's length times the pattern's.
 */
function toRegExp(program: Program): RegExp | undefined {
  const groups = program.filter((op) => op.t === 'split').length;
  if (program.filter(isLoop).length - groups > 1 || program.some((op) => op.t === 'cls')) return undefined;
  const closeAt = new Set(program.flatMap((op) => (op.t === 'split' ? [op.alt] : [])));
  let source = '';
  program.forEach((op, pc) => {
    if (closeAt.has(pc)) source += ')?';
    if (op.t === 'chr') source += escapeRegExp(op.c);
    else if (op.t === 'any') source += '[^/]';
    else if (op.t === 'star') source += '[^/]*';
    else if (op.t === 'dstar') source += '[\\s\\S]*';
    else if (op.t === 'split') source += '(?:';
  });
  if (closeAt.has(program.length)) source += ')?';
  return new RegExp(`^${source}$`, 'u');
}

function matchesOne(op: Op, c: string): boolean {
  if (op.t === 'chr') return op.c === c;
  if (op.t === 'any') return c !== '/';
  if (op.t === 'cls') return op.test(c);
  return false;
}

/** The NFA: `live` holds step indices; reaching `program.length` is a match. */
function runNfa(program: Program, path: string): boolean {
  const end = program.length;
  let mark = new Uint32Array(end + 1);
  let generation = 1;
  let live: number[] = [];
  const add = (list: number[], pc: number): void => {
    if (mark[pc] === generation) return;
    mark[pc] = generation;
    list.push(pc);
    if (pc === end) return;
    const op = program[pc]!;
    if (op.t === 'star' || op.t === 'dstar') add(list, pc + 1);
    else if (op.t === 'split') {
      add(list, pc + 1);
      add(list, op.alt);
    }
  };
  add(live, 0);
  for (const c of path) {
    generation++;
    if (generation === 0xffffffff) {
      mark = new Uint32Array(end + 1);
      generation = 1;
    }
    const next: number[] = [];
    for (const pc of live) {
      if (pc === end) continue;
      const op = program[pc]!;
      if (op.t === 'star' ? c !== '/' : op.t === 'dstar') add(next, pc);
      else if (matchesOne(op, c)) add(next, pc + 1);
    }
    if (next.length === 0) return false;
    live = next;
  }
  return live.includes(end);
}

export function matchProgram(program: Program): PathTest {
  if (program.every((op) => op.t === 'chr')) {
    const literal = program.map((op) => (op as { c: string }).c).join('');
    return (path) => path === literal;
  }
  const re = toRegExp(program);
  if (re !== undefined) return (path) => re.test(path);
  return (path) => runNfa(program, path);
}
