import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PackerError, isErrno } from '../util/index.js';
import { DEFAULT_OUTPUT_STYLE } from '../bundle/styleTypes.js';
import { DEFAULT_LIMITS } from '../scopes/types.js';
import { DEFAULT_TOKEN_ENCODING } from '../tokens/types.js';
import { CONFIG_FILE_NAME } from './configSchema.js';
import { parseConfig } from './loadConfig.js';

/** Where an editor finds the JSON Schema when llm-packer is installed in the project. */
const CONFIG_SCHEMA_REF = './node_modules/llm-packer/schema/llm-packer.config.schema.json';

/**
 * The commented starting config. JSON has no comments, so `$comment` keys hold them (a JSON
 * Schema keyword; the config schema accepts and ignores them). Every value is the default, so
 * the file changes nothing until edited.
 */
function configTemplate(): Record<string, unknown> {
  return {
    $schema: CONFIG_SCHEMA_REF,
    $comment: [
      'llm-packer configuration. Every key is optional; "$comment" keys are comments.',
      'Patterns follow .gitignore rules and are relative to this folder. Flags on the command line add to them.',
      'Not set here because their default depends on the tree or is "none": defaultScope (ags on an AGS checkout,',
      'else repo), remote (a team store, s3://BUCKET/PREFIX), output.splitTokens and output.tokenBudget.',
    ],
    include: [],
    ignore: [],
    defaultIgnores: true,
    allowUnportablePaths: false,
    secrets: {
      $comment: [
        'Files with a secret are withheld and listed in meta/SECRETS.json with a fingerprint.',
        'Put the fingerprint of a known false positive in "allow" to pack its file anyway.',
      ],
      check: true,
      allow: [],
    },
    limits: {
      $comment: [
        'maxEntries and maxTotalBytes refuse a pack before anything is written.',
        'A text file over maxEntryBytes is left out as too-large (in the AGS scopes it refuses the pack).',
      ],
      ...DEFAULT_LIMITS,
    },
    output: {
      $comment: 'How FULL and SPLIT are written: style markdown, xml, json or plain; encoding o200k_base or cl100k_base.',
      style: DEFAULT_OUTPUT_STYLE,
      encoding: DEFAULT_TOKEN_ENCODING,
    },
    scopes: {},
  };
}

/** The template as written: two-space JSON, one trailing newline. */
function renderConfigTemplate(): string {
  return `${JSON.stringify(configTemplate(), null, 2)}\n`;
}

/**
 * `llm-packer init`: write the template to `<root>/llm-packer.config.json`. Never overwrites: an
 * existing file (or anything else by that name) is `CONFIG_EXISTS`. Returns the path written.
 */
export async function initConfig(root: string): Promise<string> {
  const text = renderConfigTemplate();
  parseConfig(JSON.parse(text));
  const file = join(root, CONFIG_FILE_NAME);
  let fh;
  try {
    fh = await open(file, 'wx', 0o644);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) {
      throw new PackerError('CONFIG_EXISTS', ` ${file} exists; llm-packer init never overwrites it`, { hint: 'edit it, or remove it first' });
    }
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` no such folder: ${root}`, { cause: err });
    throw err;
  }
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return file;
}
