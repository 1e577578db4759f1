import { availableParallelism } from 'node:os';
import { DEFAULT_OUTPUT_STYLE, parseOutputStyle, type OutputStyle } from '../bundle/index.js';
import type { PackerConfig } from '../config/index.js';
import { DEFAULT_TOKEN_ENCODING, parseTokenEncoding, type TokenEncoding } from '../tokens/index.js';
import { PackerError } from '../util/index.js';
import type { RunPackOptions } from './types.js';

/** How FULL and SPLIT are written and counted: options first, then the config, then defaults. */
export interface OutputPlan {
  readonly style: OutputStyle;
  readonly encoding: TokenEncoding;
  readonly splitTokens?: number;
  readonly tokenBudget?: number;
  readonly includeDiff: boolean;
  /** Commits to list (0: none). */
  readonly includeLog: number;
  readonly tokenWorkers: number;
}

/** More workers than this load more vocabularies (about 100 MB each) than they save time. */
const MAX_TOKEN_WORKERS = 4;

function whole(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) throw new PackerError('USAGE', ` ${name} ${value}: expected a whole number of at least ${min}`);
  return value;
}

export function planOutput(options: RunPackOptions, config: PackerConfig | undefined): OutputPlan {
  const fromConfig = config?.output ?? {};
  const splitTokens = whole('--split-tokens', options.splitTokens ?? fromConfig.splitTokens, 1);
  const tokenBudget = whole('--token-budget', options.tokenBudget ?? fromConfig.tokenBudget, 1);
  const workers = whole('tokenWorkers', options.tokenWorkers, 0) ?? Math.min(availableParallelism(), MAX_TOKEN_WORKERS);
  return Object.freeze({
    style: parseOutputStyle(options.style ?? fromConfig.style ?? DEFAULT_OUTPUT_STYLE),
    encoding: parseTokenEncoding(options.encoding ?? fromConfig.encoding ?? DEFAULT_TOKEN_ENCODING),
    ...(splitTokens !== undefined ? { splitTokens } : {}),
    ...(tokenBudget !== undefined ? { tokenBudget } : {}),
    includeDiff: options.includeDiff === true,
    includeLog: whole('--include-log', options.includeLog, 0) ?? 0,
    tokenWorkers: workers,
  });
}

/** What in `output` differs from the default output, in a fixed order (see `defaultPackName`). */
export function outputVariant(output: OutputPlan, modes: readonly string[], allModes: readonly string[]): string[] {
  return [
    ...(output.style !== DEFAULT_OUTPUT_STYLE ? [output.style] : []),
    ...(output.encoding !== DEFAULT_TOKEN_ENCODING ? [output.encoding] : []),
    ...(output.splitTokens !== undefined ? [`t${output.splitTokens}`] : []),
    ...allModes.filter((m) => !modes.includes(m)).map((m) => `no-${m.toLowerCase()}`),
    ...(output.includeDiff ? ['diff'] : []),
    ...(output.includeLog > 0 ? [`log${output.includeLog}`] : []),
  ];
}
