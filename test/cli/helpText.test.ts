/**
 * Every `--help`: two or three examples of the command itself, the defaults of the store and size
 * flags, and no term of ours without its meaning. Commands are found from the help texts
 * themselves, so a new command without examples fails here.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { EXAMPLES } from '../../src/cli/helpText.js';
import { runInProcess } from '../helpers/cli.js';

const helps = new Map<string, string>();

/** `Commands:` of a help text: the names, without commander's own `help`. */
function subcommands(help: string): string[] {
  const section = /\nCommands:\n([\s\S]*?)(?:\n\n|$)/.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .filter((l) => /^ {2}\S/.test(l))
    .map((l) => l.trim().split(/\s+/)[0] as string)
    .filter((name) => name !== 'help');
}

before(async () => {
  const queue = [''];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const r = await runInProcess([...(path ? path.split(' ') : []), '--help'], process.cwd());
    assert.equal(r.code, 0, `${path} --help: ${r.stderr}`);
    helps.set(path, r.stdout);
    for (const name of subcommands(r.stdout)) queue.push(path ? `${path} ${name}` : name);
  }
});

/** Everything but the Terms section, which explains. */
const body = (help: string) => help.split('\nTerms:\n')[0] as string;
const terms = (help: string) => help.split('\nTerms:\n')[1] ?? '';

test('every command, its subcommands and the program have two or three examples of themselves', () => {
  assert.ok(helps.size > 15, [...helps.keys()].join(', '));
  for (const [path, help] of helps) {
    const examples = [...help.matchAll(/^ {2}\$ (.+)$/gm)].map((m) => m[1] as string);
    assert.ok(examples.length >= 2 && examples.length <= 3, `${path || 'llm-packer'}: ${examples.length} examples`);
    for (const line of examples) assert.ok(line.startsWith(`llm-packer ${path}`.trimEnd()), `${path}: ${line}`);
  }
  const stale = Object.keys(EXAMPLES).filter((path) => !helps.has(path));
  assert.deepEqual(stale, [], 'examples of commands that do not exist');
});

test('help shows the defaults of the store locations, the config file and the size limits', () => {
  const pack = helps.get('pack') ?? '';
  const option = (help: string, flag: string) => new RegExp(`^ {2}${flag}\\b[\\s\\S]*?(?=^ {2}-)`, 'm').exec(help)?.[0] ?? '';
  for (const [path, help] of helps) {
    if (!help.includes('--runs-dir')) continue;
    for (const flag of ['--cas-root', '--runs-dir', '--packs-dir', '--config']) {
      assert.match(option(help, flag), /\(default/, `${path} ${flag}`);
    }
  }
  for (const flag of ['--max-total-bytes', '--max-entry-bytes', '--max-entries', '--out-dir', '--scope']) {
    assert.match(option(pack, flag), /\(default/, `pack ${flag}`);
  }
  assert.match(option(pack, '--max-total-bytes'), /52428800|50 MiB/);
});

/** Our jargon: a help that uses one of these explains it under Terms. */
const JARGON: ReadonlyArray<[RegExp, string]> = [
  [/\bCAS\b|content-addressed/, 'CAS'],
  [/\bsha256:|\brefs?\b/, 'ref'],
  [/\bruns dir\b/, 'runs dir'],
  [/\bGC\b|\bgc\b/, 'GC:'],
  [/Policy B/, 'Policy B'],
  [/\bMode [AB]\b/, 'Mode A / Mode B'],
  [/\bgrace\b/, 'grace'],
  [/\bpins?\b|\bpinned\b/, 'pin'],
  [/\bmanifest\b/, 'manifest'],
  [/\b(FULL|SPLIT|LITE)\b/, 'FULL/ SPLIT/ LITE/'],
  [/\bags\b|\blab\b|\bcat_cas\b|\bAGS\b/, 'AGS'],
  [/\bscopes?\b/, 'scope'],
  [/digest12/, 'digest12'],
  [/\bMCP\b/, 'MCP'],
  [/\bS3\b|\bremote\b/, 'remote (S3)'],
  [/STATUS/, 'STATUS ref'],
];

/** Upper-case words anyone knows, and placeholders. */
const PLAIN = new Set(['JSON', 'SHA', 'URL', 'AI', 'LLM', 'ROOT', 'DIR', 'FILE', 'NAME', 'PATH', 'HEAD', 'README', 'MIT', 'TTY', 'UTF', 'NUL']);

test('no help text uses a term of ours without explaining it', () => {
  for (const [path, help] of helps) {
    for (const [pattern, term] of JARGON) {
      if (pattern.test(body(help))) assert.ok(terms(help).includes(`  ${term}`), `${path || 'llm-packer'} uses ${term} without explaining it`);
    }
    // Folder names inside paths (`<root>/MEMORY/LLM_PACKER/_packs`) are names, not terms.
    const prose = body(help).replace(/[\w.<>-]*\/[\w./<>-]*/g, ' ');
    for (const word of prose.match(/\b[A-Z][A-Z0-9_]{1,}\b/g) ?? []) {
      if (PLAIN.has(word)) continue;
      assert.ok(terms(help).includes(word), `${path || 'llm-packer'}: "${word}" is not explained under Terms`);
    }
  }
});
