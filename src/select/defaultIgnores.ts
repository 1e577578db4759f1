/**
 * The default ignores: files users expect a packer to leave out. They act like git's global
 * excludes file — the lowest-precedence rules — so a repository's own `.gitignore` can re-include
 * one (`!dist/`), and `--no-default-ignores` (or `defaultIgnores: false`) turns them all off. They
 * apply to the `repo` scope and config scopes, never to the AGS scopes (docs/FORMATS.md §10).
 * The README lists them too: change both together.
 */

interface DefaultIgnoreGroup {
  /** What the group is, in the words the README and `why` use. */
  name: string;
  /** gitignore patterns. */
  patterns: readonly string[];
}

const DEFAULT_IGNORE_GROUPS: readonly DefaultIgnoreGroup[] = [
  {
    name: 'lock files',
    patterns: [
      'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock',
      'Cargo.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'Gemfile.lock', 'composer.lock',
      'go.sum', 'flake.lock', 'packages.lock.json', 'Podfile.lock', 'pubspec.lock', 'mix.lock',
    ],
  },
  {
    name: 'environment files',
    patterns: ['.env', '.env.*', '!.env.example', '!.env.sample', '!.env.template', '.envrc'],
  },
  {
    name: 'private keys and certificates',
    patterns: [
      '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.crt', '*.cer', '*.der',
      'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.npmrc', '.pypirc', '.netrc', '*.kdbx',
    ],
  },
  {
    name: 'minified bundles and source maps',
    patterns: ['*.min.js', '*.min.mjs', '*.min.css', '*.map', '*.bundle.js', '*.chunk.js'],
  },
  {
    name: 'build and cache folders',
    patterns: [
      'node_modules/', 'dist/', 'build/', 'out/', '.next/', '.nuxt/', '.svelte-kit/', '.turbo/',
      '.parcel-cache/', '.vite/', '.cache/', 'coverage/', '.nyc_output/', '__pycache__/', '*.pyc',
      '.pytest_cache/', '.mypy_cache/', '.ruff_cache/', '.tox/', '.venv/', 'venv/', 'target/',
      '.gradle/', '.terraform/', 'bower_components/', 'vendor/bundle/', '.DS_Store', 'Thumbs.db',
    ],
  },
];

/** Every default pattern, in list order (one line each: `why` names the line). */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = DEFAULT_IGNORE_GROUPS.flatMap((g) => g.patterns);

/** The group a default pattern belongs to (for a reason a human reads). */
export function defaultIgnoreGroupOf(pattern: string): string | undefined {
  return DEFAULT_IGNORE_GROUPS.find((g) => g.patterns.includes(pattern))?.name;
}
