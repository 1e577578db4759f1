/** Where a user-supplied pattern came from, for the error that names it. */
export interface PatternSource {
  /** A file (`sub/.gitignore`, `llm-packer.config.json`) or a flag (`--include`). */
  file: string;
  /** 1-based line in `file`, when it has lines. */
  line?: number;
}

/** One step of a compiled glob: a Thompson NFA without backtracking (see `matchProgram`). */
export type Op =
  | { t: 'chr'; c: string }
  /** One character other than `/`. */
  | { t: 'any' }
  /** One character other than `/` in (or, negated, not in) a class. */
  | { t: 'cls'; test: (c: string) => boolean; source: string }
  /** Zero or more characters other than `/`. */
  | { t: 'star' }
  /** Zero or more characters, `/` included. */
  | { t: 'dstar' }
  /** Go on, or jump to `alt` (an optional group: `**\/` may match no folder). */
  | { t: 'split'; alt: number };

export type Program = readonly Op[];

/** A path test that takes time linear in the path's length times the pattern's. */
export type PathTest = (path: string) => boolean;
