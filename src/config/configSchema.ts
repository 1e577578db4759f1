/**
 * The one schema of `llm-packer.config.json` (STYLE guideline 13): it gives the TypeScript types,
 * the validation, and the JSON Schema in `schema/` (see `buildConfigJsonSchema`).
 */
import { z } from 'zod';
// Leaf modules (type imports only): the lists have one owner and no import cycle forms.
import { OUTPUT_STYLES } from '../bundle/styleTypes.js';
import { TOKEN_ENCODINGS } from '../tokens/types.js';
import { AGS_SCOPE_NAMES } from './scopeNames.js';

/** The config file's name; it sits in the packed root. */
export const CONFIG_FILE_NAME = 'llm-packer.config.json';

/** A config scope's name; the AGS scopes, whose selection docs/FORMATS.md §10 fixes, are not allowed. */
const SCOPE_NAME = new RegExp(`^(?!(?:${AGS_SCOPE_NAMES.join('|')})$)[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`);
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** `.` or `a/b/c`: `/`-separated, relative, no empty, `.` or `..` parts, no backslash. */
function isSafeRelPath(path: string): boolean {
  if (path === '.') return true;
  if (path === '' || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const RELATIVE_PATH_ERROR = 'must be a relative path with / separators and no empty, . or .. parts';

const relativeDir = z.string().refine(isSafeRelPath, { error: RELATIVE_PATH_ERROR });
const relativeFile = z.string().refine((p) => p !== '.' && isSafeRelPath(p), { error: RELATIVE_PATH_ERROR });
const glob = z.string().min(1, { error: 'a glob must not be empty' });
const positiveInt = z.number().int().positive();

/** A gitignore-style pattern: one line, not empty. */
const ignorePattern = z
  .string()
  .min(1, { error: 'a pattern must not be empty' })
  .refine((p) => !/[\r\n]/.test(p), { error: 'a pattern is one line' });

/** A comment: JSON has none, so `$comment` keys (a JSON Schema keyword) hold them; they are ignored. */
const comment = z.union([z.string(), z.array(z.string())]).optional().describe('A comment; ignored.');

const limitsConfigSchema = z
  .strictObject({
    $comment: comment,
    maxTotalBytes: positiveInt.optional().describe('Most bytes all packed files may have together.'),
    maxEntryBytes: positiveInt.optional().describe('Most bytes one packed file may have.'),
    maxEntries: positiveInt.optional().describe('Most files a pack may hold.'),
    allowDuplicateHashes: z
      .boolean()
      .optional()
      .describe('Whether two packed paths may have the same content (default true).'),
  })
  .describe('Limits checked before anything is written; a breach stops the pack.');

const scopeConfigSchema = z
  .strictObject({
    $comment: comment,
    title: z.string().min(1).optional().describe('Shown in START_HERE and the summary (default: the name).'),
    prefix: z
      .string()
      .regex(PREFIX, { error: 'must be 1-32 letters, digits, _ or -, starting with a letter or digit' })
      .optional()
      .describe('File-name prefix of the FULL/SPLIT/LITE files (default: the name in upper case).'),
    sourceRoot: relativeDir
      .optional()
      .describe('Folder the scope walks; manifest paths are relative to it (default ".").'),
    include: z
      .array(glob)
      .optional()
      .describe('Globs relative to the packed root; when given, a file must match one of them.'),
    exclude: z.array(glob).optional().describe('Globs relative to the packed root; a matching file is left out.'),
    rootFiles: z
      .array(relativeFile)
      .optional()
      .describe('Files added whenever they exist, even if ignored or not matched (inside sourceRoot).'),
    anchors: z
      .array(glob)
      .optional()
      .describe('Paths or globs (relative to the packed root) that START_HERE names first.'),
    limits: limitsConfigSchema.optional(),
  })
  .superRefine((scope, ctx) => {
    const base = scope.sourceRoot ?? '.';
    if (base === '.') return;
    (scope.rootFiles ?? []).forEach((file, i) => {
      if (!file.startsWith(`${base}/`)) {
        ctx.addIssue({ code: 'custom', path: ['rootFiles', i], message: `must be inside sourceRoot "${base}"` });
      }
    });
  })
  .describe(
    'A scope: the .gitignore-aware walk of sourceRoot, filtered by include/exclude. ' +
      'A scope named "repo" replaces the built-in repo scope (its unset fields keep the built-in values).',
  );

const outputConfigSchema = z
  .strictObject({
    $comment: comment,
    style: z.enum(OUTPUT_STYLES).optional().describe('Style of FULL and SPLIT: markdown (default), xml, json or plain.'),
    encoding: z.enum(TOKEN_ENCODINGS).optional().describe('Tokenizer encoding of every token count (default o200k_base).'),
    splitTokens: positiveInt.optional().describe('SPLIT in numbered parts of at most this many tokens each.'),
    tokenBudget: positiveInt.optional().describe('Publish nothing when FULL would hold more tokens than this.'),
  })
  .describe('How FULL and SPLIT are written and counted; the command line wins over these.');

const secretsConfigSchema = z
  .strictObject({
    $comment: comment,
    check: z.boolean().optional().describe('Scan packed files for secrets with secretlint (default true).'),
    allow: z
      .array(z.string().regex(/^[0-9a-f]{16}$/, { error: 'a fingerprint is 16 lowercase hex digits, as pack lists it' }))
      .optional()
      .describe('Fingerprints of findings that are not secrets (known false positives): their files are packed.'),
  })
  .describe('The secret scan: a file with a finding is withheld from the pack and listed in meta/SECRETS.json.');

export const packerConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    defaultScope: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: 'a scope name is 1-64 letters, digits, _ . or -' })
      .optional()
      .describe('The scope used when --scope is not given (default: ags on an AGS checkout, else repo).'),
    $comment: comment,
    include: z
      .array(ignorePattern)
      .optional()
      .describe('gitignore-style patterns; when given, only files matching one of them are packed (like --include).'),
    ignore: z
      .array(ignorePattern)
      .optional()
      .describe('gitignore-style patterns of files never packed; they win over .gitignore files (like --ignore).'),
    defaultIgnores: z
      .boolean()
      .optional()
      .describe('Leave out lock files, .env*, keys, minified bundles, build and cache folders (default true; never in the AGS scopes).'),
    secrets: secretsConfigSchema.optional(),
    allowUnportablePaths: z
      .boolean()
      .optional()
      .describe('Pack paths only some systems refuse (Windows names, case twins) as they are, with a warning each, instead of refusing the pack (like --allow-unportable-paths; default false).'),
    limits: limitsConfigSchema.optional(),
    output: outputConfigSchema.optional(),
    scopes: z
      .record(
        z.string().regex(SCOPE_NAME, {
          error: 'a scope name is 1-64 letters, digits, _ . or -, starts with a letter or digit, and is not ags, lab or cat_cas',
        }),
        scopeConfigSchema,
      )
      .optional()
      .describe('Scopes selectable with --scope <name>.'),
    remote: z
      .string()
      .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, { error: 'must be s3://BUCKET or s3://BUCKET/PREFIX' })
      .optional()
      .describe('A team store on S3 (s3://BUCKET/PREFIX) used by every command as if --remote were given.'),
  })
  .describe('llm-packer configuration (llm-packer.config.json in the packed root).');

/**
 * The contents of `llm-packer.config.json` once validated: scopes, selection, limits, output
 * style and the team store (README, "Configuration"; the JSON Schema is `llm-packer/schema.json`).
 */
export type PackerConfig = z.infer<typeof packerConfigSchema>;
export type ScopeConfig = z.infer<typeof scopeConfigSchema>;
export type LimitsConfig = z.infer<typeof limitsConfigSchema>;
