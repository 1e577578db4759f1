import { BUILTIN_SCOPE_NAMES, detectDefaultScope, type BuiltinScopeName, type LimitsConfig, type PackerConfig, type ScopeConfig } from '../config/index.js';
import { PackerError } from '../util/index.js';
import { BUILTIN_SCOPES } from './builtinScopes.js';
import { DEFAULT_LIMITS, type PackLimits, type Scope } from './types.js';

export interface ResolveScopeOptions {
  /** The packed root (used to detect the default scope). */
  root: string;
  /** A built-in name or a name from the config; absent: `ags` when the root has AGS buckets, else `repo`. */
  scope?: string;
  /** The loaded `llm-packer.config.json` (see `loadConfig`); this function does not read it. */
  config?: PackerConfig;
  /** Limits from the command line; they win over the config's. */
  limits?: Partial<PackLimits>;
}

function definedOnly(limits: LimitsConfig | Partial<PackLimits> | undefined): Partial<PackLimits> {
  return Object.fromEntries(Object.entries(limits ?? {}).filter(([, v]) => v !== undefined));
}

/** A config scope starts from the built-in `repo` scope; the fields it sets replace the built-in ones. */
function buildConfigScope(name: string, entry: ScopeConfig): Scope {
  const repo = BUILTIN_SCOPES.repo;
  const isRepo = name === 'repo';
  const sourceRoot = entry.sourceRoot ?? repo.sourceRoot;
  return {
    ...repo,
    key: name,
    title: entry.title ?? (isRepo ? repo.title : name),
    prefix: entry.prefix ?? (isRepo ? repo.prefix : name.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')),
    sourceRoot,
    includeDirs: [sourceRoot],
    rootFiles: entry.rootFiles ?? repo.rootFiles,
    includeGlobs: entry.include ?? repo.includeGlobs,
    excludeGlobs: entry.exclude ?? repo.excludeGlobs,
    anchors: entry.anchors ?? repo.anchors,
  };
}

function isBuiltin(name: string): name is BuiltinScopeName {
  return (BUILTIN_SCOPE_NAMES as readonly string[]).includes(name);
}

/**
 * The scope to pack: a built-in one (docs/FORMATS.md §10, or `repo`), or one from the config (a config
 * scope named `repo` replaces the built-in `repo`). Limits, from weakest to strongest: defaults,
 * the config's top-level `limits`, the scope's `limits`, the command line's.
 * An unknown name is `PACK_SCOPE_UNKNOWN`, listing the valid names.
 */
export async function resolveScope(options: ResolveScopeOptions): Promise<Scope> {
  const name = options.scope ?? (await detectDefaultScope(options.root));
  const configScopes = options.config?.scopes ?? {};
  const entry = Object.hasOwn(configScopes, name) ? configScopes[name] : undefined;
  let scope: Scope;
  if (entry) scope = buildConfigScope(name, entry);
  else if (isBuiltin(name)) scope = BUILTIN_SCOPES[name];
  else {
    const valid = [...new Set([...BUILTIN_SCOPE_NAMES, ...Object.keys(configScopes)])];
    throw new PackerError('PACK_SCOPE_UNKNOWN', ` unknown scope ${JSON.stringify(name)}; valid scopes: ${valid.join(', ')}`);
  }
  const limits: PackLimits = {
    ...DEFAULT_LIMITS,
    ...definedOnly(options.config?.limits),
    ...definedOnly(entry?.limits),
    ...definedOnly(options.limits),
  };
  return { ...scope, limits };
}
