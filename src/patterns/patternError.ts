import { PackerError } from '../util/index.js';
import type { PatternSource } from './types.js';

function describeSource(source: PatternSource): string {
  return source.line === undefined ? source.file : `${source.file}:${source.line}`;
}

/** `PATTERN_INVALID: pattern "…" (from sub/.gitignore:12): why` */
export function patternError(pattern: string, source: PatternSource, why: string): PackerError {
  const shown = pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern;
  return new PackerError('PATTERN_INVALID', ` pattern ${JSON.stringify(shown)} (from ${describeSource(source)}): ${why}`, {
    hint: 'fix or remove the pattern',
  });
}
