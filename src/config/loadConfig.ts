import { isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { PackerError, isErrno, readRegularFile } from '../util/index.js';
import { CONFIG_FILE_NAME, packerConfigSchema, type PackerConfig } from './configSchema.js';

const HINT = 'the JSON Schema is schema/llm-packer.config.schema.json in the llm-packer package';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `scopes.docs.include[0]`, `scopes["my scope"]`, `(root)` for the document itself. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!IDENTIFIER.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // A bad record key carries the key's own issue inside; its message says what is wrong.
  const inner = 'issues' in issue && Array.isArray(issue.issues) ? issue.issues[0] : undefined;
  return oneLine(inner && typeof inner.message === 'string' ? inner.message : issue.message);
}

function invalid(detail: string, cause?: unknown, file = CONFIG_FILE_NAME): PackerError {
  return new PackerError('CONFIG_INVALID', ` ${file}: ${detail}`, { hint: HINT, cause });
}

/**
 * Validate a parsed config document. Every problem is reported on one line as
 * `<key path>: <message>`, problems joined by `; `.
 */
export function parseConfig(value: unknown, file = CONFIG_FILE_NAME): PackerConfig {
  const result = packerConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issueMessage(issue)}`);
  throw invalid(details.join('; '), undefined, file);
}

/** Read and validate one config file; `undefined` when it does not exist. */
async function readConfig(path: string, name: string): Promise<PackerConfig | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readRegularFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    if (isErrno(err, 'EISDIR')) throw invalid('(root): is a folder, not a file', err, name);
    throw new PackerError('IO_ERROR', ` cannot read ${name}: ${(err as Error).message}`, { cause: err });
  }
  // A FIFO, socket or device there would block a plain read forever; a folder is no file either.
  if (bytes === undefined) throw invalid('(root): is not a regular file', undefined, name);
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw invalid(`(root): not valid JSON: ${oneLine((err as Error).message)}`, err, name);
  }
  return parseConfig(value, name);
}

/**
 * Read `<root>/llm-packer.config.json`: `undefined` when there is none; a `CONFIG_INVALID` error
 * (one line, with the key path) when it is not JSON or does not fit the schema.
 */
export async function loadConfig(root: string): Promise<PackerConfig | undefined> {
  const file = join(root, CONFIG_FILE_NAME);
  return readConfig(file, file); // named in full in every error: which file is never a guess
}

/**
 * Read and validate the config file at `file` (as given with `--config` or found by
 * `findConfigFile`).
 *
 * @param file - The config file (absolute).
 * @returns The validated config.
 * @throws {@link PackerError} `USAGE` for a relative path; `CONFIG_NOT_FOUND` when the file does
 *   not exist; `CONFIG_INVALID` when it is not valid JSON or breaks the schema.
 */
export async function loadConfigFile(file: string): Promise<PackerConfig> {
  if (!isAbsolute(file)) throw new PackerError('USAGE', ` the config file must be an absolute path: ${file}`);
  const config = await readConfig(file, file);
  if (config === undefined) throw new PackerError('CONFIG_NOT_FOUND', ` ${file}: no such file`);
  return config;
}
