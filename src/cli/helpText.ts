/**
 * What every `--help` adds after commander's own text: two or three examples of the command, and
 * the meaning of every term of ours the help uses (found in the text itself, so a help text never
 * uses a term it does not explain). One table of examples, one glossary.
 */
import type { Command } from 'commander';

/** Examples by command path (`''` is the program itself): a command line and what it does. */
export const EXAMPLES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  '': [
    ['llm-packer pack .', 'pack the current repository'],
    ['llm-packer verify .llm-packer/packs/llm-pack-repo-1a2b3c4d5e6f', 'check a pack against its store'],
    ['llm-packer pack --help', 'the options of one command'],
  ],
  pack: [
    ['llm-packer pack .', 'pack the current repository (scope repo, .gitignore respected)'],
    ['llm-packer pack ~/src/app --out-dir /tmp/app-pack --zip', 'pack another folder, with zip archives, to a folder of your choice'],
    ['llm-packer pack . --json --quiet | jq -r .refs.manifestRef', 'script it: the run summary as JSON'],
  ],
  why: [
    ['llm-packer why dist/app.js', 'which rule (file and line) leaves it out, or that it is packed'],
    ['llm-packer why src/config.ts --ignore "src/*.ts" --json', 'the answer a pack with these flags would give, as JSON'],
    ['llm-packer why data/dump.sql --max-entry-bytes 100000', 'whether the file is left out as too-large under that limit'],
  ],
  init: [
    ['llm-packer init', 'write a commented llm-packer.config.json in the current folder'],
    ['llm-packer init ~/src/app', 'write it in another folder (never over an existing one)'],
  ],
  cas: [
    ['llm-packer cas put notes.md', 'store a file, print its sha256: ref'],
    ['llm-packer cas fsck', 'rehash every stored object'],
  ],
  'cas put': [
    ['llm-packer cas put notes.md', 'store a file, print its sha256: ref'],
    ['llm-packer cas put a.txt b.txt --json', 'store two files, print refs and sizes as JSON'],
    ['llm-packer cas put - < notes.md', 'store what standard input holds (streamed, any size; git archive HEAD | … works too)'],
  ],
  'cas get': [
    ['llm-packer cas get sha256:9f86d08…', 'print an object (its bytes are checked first)'],
    ['llm-packer cas get sha256:9f86d08… -o copy.txt', 'write it to a file instead'],
  ],
  'cas has': [
    ['llm-packer cas has sha256:9f86d08…', 'print present or absent'],
    ['llm-packer cas has 9f86d08… && echo stored', 'use the exit code in a script (a bare hash works too)'],
  ],
  'cas fsck': [
    ['llm-packer cas fsck', 'rehash every object of the store of the current folder'],
    ['llm-packer cas fsck --cas-root /data/cas --json', 'check another store, report as JSON'],
  ],
  verify: [
    ['llm-packer verify .llm-packer/packs/llm-pack-repo-1a2b3c4d5e6f', 'check a pack made from the current folder'],
    ['llm-packer verify /tmp/app-pack --root ~/src/app', 'check a pack of another folder against that folder\'s store'],
    ['llm-packer verify ./pack --remote s3://team-packs/my-repo', 'check a pack pulled from the team store against the remote\'s ledger, roots and objects'],
  ],
  consume: [
    ['llm-packer consume .llm-packer/packs/llm-pack-repo-1a2b3c4d5e6f --out /tmp/files', 'rebuild the packed files from the store'],
    ['llm-packer consume sha256:0ae6438… --out /tmp/files --dry-run', 'check that a manifest can be rebuilt, write nothing'],
  ],
  runs: [
    ['llm-packer runs list', 'every pack run of the current folder\'s store'],
    ['llm-packer runs forget 5f3c…', 'drop a run and the roots only it holds (gc may then delete its objects)'],
  ],
  'runs list': [
    ['llm-packer runs list', 'one line per run: when, verdict, scope, files, where its pack went, STATUS ref'],
    ['llm-packer runs list --json', 'the same as JSON'],
  ],
  'runs show': [
    ['llm-packer runs show 5f3c…', 'one run as JSON, by its STATUS ref (from runs list)'],
    ['llm-packer runs show 5f3c… --root ~/src/app', 'a run of another folder\'s store'],
  ],
  'runs forget': [
    ['llm-packer runs forget 5f3c…', 'drop a run and the roots only it holds'],
    ['llm-packer runs forget 5f3c… && llm-packer gc --apply', 'then delete what nothing needs any more'],
  ],
  roots: [
    ['llm-packer roots list', 'every hash GC keeps because a pack run needs it'],
    ['llm-packer roots rm 5f3c…', 'stop keeping an object (prefer runs forget)'],
  ],
  'roots list': [
    ['llm-packer roots list', 'one hash a line'],
    ['llm-packer roots list --json', 'with the file\'s path and content hash'],
  ],
  'roots add': [
    ['llm-packer roots add 5f3c… 9a1b…', 'keep two objects as run roots'],
    ['llm-packer roots add 5f3c… --json', 'print the new state as JSON'],
  ],
  'roots rm': [
    ['llm-packer roots rm 5f3c…', 'stop keeping an object as a run root'],
    ['llm-packer roots rm 5f3c… 9a1b… --json', 'remove two, print the new state as JSON'],
  ],
  pins: [
    ['llm-packer pins add 5f3c…', 'keep an object by hand, whatever runs are forgotten'],
    ['llm-packer pins list', 'every pinned hash'],
  ],
  'pins list': [
    ['llm-packer pins list', 'one hash a line'],
    ['llm-packer pins list --json', 'with the file\'s path and content hash'],
  ],
  'pins add': [
    ['llm-packer pins add 5f3c…', 'keep an object by hand'],
    ['llm-packer pins add 5f3c… --runs-dir /data/runs', 'in another runs dir'],
  ],
  'pins rm': [
    ['llm-packer pins rm 5f3c…', 'unpin an object (gc may then delete it)'],
    ['llm-packer pins rm 5f3c… --json', 'print the new state as JSON'],
  ],
  gc: [
    ['llm-packer gc', 'show what would be deleted (nothing is)'],
    ['llm-packer gc --apply', 'delete every object no root or pin names, older than the grace period'],
    ['llm-packer gc --apply --grace 0 --json', 'no grace period; the report as JSON'],
  ],
  audit: [
    ['llm-packer audit', 'Mode A: the roots can be read and are not empty'],
    ['llm-packer audit --output-hashes 52696f9…', 'Mode B: every object of one run is stored and rooted'],
    ['llm-packer audit --output-hashes 52696f9… --full --json', 'rehash them too; the receipt as JSON'],
  ],
  push: [
    ['llm-packer push .llm-packer/packs/llm-pack-repo-1a2b3c4d5e6f --remote s3://team-packs/my-repo', 'put a local pack on the team store'],
    ['llm-packer push 5f3c… --json', 'a run named by its STATUS ref (without its pack folder), to the remote of the config file; the report as JSON'],
  ],
  pull: [
    ['llm-packer pull sha256:0ae6438… --remote s3://team-packs/my-repo', 'bring a manifest and its files into the local store'],
    ['llm-packer pull 5f3c… && llm-packer consume sha256:0ae6438… --out ./checkout', 'bring a whole run by its STATUS ref, then rebuild its files'],
    ['llm-packer pull sha256:0ae6438… --out ./pack && llm-packer verify ./pack --remote s3://team-packs/my-repo', 'rebuild the pack itself, then verify it on this machine'],
  ],
  bind: [
    ['llm-packer bind --cas-root /data/cas --runs-dir /data/runs', 'make /data/runs the runs dir whose roots keep /data/cas alive'],
    ['llm-packer bind --cas-root /data/cas --runs-dir /data/runs2 --force', 'move a bound store to another runs dir (the old roots stop protecting it)'],
  ],
  mcp: [
    ['llm-packer mcp --root ~/src/app', 'serve the store of ~/src/app to an MCP client over stdio'],
    ['llm-packer mcp --root ~/src/app --allow-root ~/src', 'also let the agent pack any folder under ~/src'],
  ],
};

/** Terms of ours and what they mean; a help text that uses one shows its meaning. */
const TERMS: ReadonlyArray<{ term: string; pattern: RegExp; meaning: string }> = [
  { term: 'packed root', pattern: /\bpacked root\b|<root>|\bROOT\b/, meaning: 'the folder that was (or is) packed; default locations are relative to it' },
  { term: 'CAS', pattern: /\bCAS\b|content-addressed store/, meaning: 'the content-addressed store: every file kept once, named by the SHA-256 of its bytes' },
  { term: 'ref', pattern: /\bsha256:|\bref\b|\brefs\b/, meaning: 'an object\'s name: sha256:<64 hex digits> (a bare hash is accepted too)' },
  { term: 'runs dir', pattern: /\bruns dir\b/, meaning: 'the folder of RUN_ROOTS.json (GC roots), GC_PINS.json (pins) and RUNS.json (the list of pack runs)' },
  { term: 'GC root (RUN_ROOTS.json)', pattern: /\bGC roots?\b|RUN_ROOTS|\broots (list|add|rm)\b|empty-roots|\b(un)?rooted\b|\broot audit\b/, meaning: 'an object GC keeps because a pack run needs it' },
  { term: 'pin (GC_PINS.json)', pattern: /\bpins?\b|\bpinned\b|GC_PINS/, meaning: 'an object GC keeps because you said so' },
  { term: 'GC', pattern: /\bGC\b|\bgc\b/, meaning: 'garbage collection: deletes store objects that no root or pin names' },
  { term: 'Policy B', pattern: /Policy B/, meaning: 'with zero roots GC deletes nothing, unless --allow-empty-roots' },
  { term: 'grace', pattern: /\bgrace\b/, meaning: 'objects written or reused this recently are never deleted' },
  { term: 'Mode A / Mode B', pattern: /\bMode [AB]\b|root audit/, meaning: 'the root audit without / with an OUTPUT_HASHES record' },
  { term: 'OUTPUT_HASHES', pattern: /OUTPUT_HASHES|output-hashes/, meaning: 'the record of a run listing every object it wrote (in runs list --json)' },
  { term: 'STATUS ref', pattern: /STATUS/, meaning: 'the hash of a run\'s STATUS record; it names the run (see runs list)' },
  { term: 'run ledger', pattern: /\bledger\b|\bruns (list|show|forget)\b/, meaning: 'the list of pack runs in the runs dir (runs list)' },
  { term: 'manifest', pattern: /\bmanifest\b|PACK_MANIFEST/, meaning: 'LITE/PACK_MANIFEST.json: every packed path with its sha256: ref' },
  { term: 'FULL/ SPLIT/ LITE/', pattern: /\b(FULL|SPLIT|LITE)\b/, meaning: 'all files in one text / in parts / only the manifest (no file bodies)' },
  { term: 'meta/ repo/', pattern: /\bmeta\/|\brepo\//, meaning: 'a guide, tree and index of the pack / copies of the packed files' },
  { term: 'scope', pattern: /\bscopes?\b/, meaning: 'what to pack: repo (any repository, .gitignore respected), a scope of the config, or ags, lab, cat_cas (the AGS layout)' },
  { term: 'AGS', pattern: /\bAGS\b|\bags\b|\blab\b|\bcat_cas\b/, meaning: 'a repository with the folders LAW, CAPABILITY, NAVIGATION, DIRECTION, THOUGHT, MEMORY; its stores live in CAPABILITY/' },
  { term: 'digest12', pattern: /digest12/, meaning: 'the first 12 hex digits of the pack\'s digest (a hash of its contents)' },
  { term: 'remote (S3)', pattern: /\bS3\b|\bremote\b/, meaning: 'a team store in an S3 bucket (s3://BUCKET/PREFIX); the local store is its cache; AWS_* are the usual AWS environment variables' },
  { term: 'bound (STORE_NOT_BOUND)', pattern: /STORE_NOT_BOUND|\bbound\b|\bbind\b/, meaning: 'a store and the runs dir holding its roots carry the same id; gc, audit and pack refuse a pair that does not (llm-packer bind)' },
  { term: 'MCP', pattern: /\bMCP\b/, meaning: 'Model Context Protocol: how AI agents call tools' },
];

/** `pack`, `cas put`, `''` for the program. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `text` cut into lines of at most `width` characters; its own indent starts the first line, `indent` the others. */
function wrap(text: string, width: number, indent: string): string {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(/ +/)) {
    const start = lines.length === 0 ? lead : indent;
    if (line !== start && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line === start ? `${line}${word}` : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

function renderAfter(cmd: Command): string {
  const examples = EXAMPLES[commandPath(cmd)] ?? [];
  const lines: string[] = [];
  if (examples.length > 0) {
    lines.push('', 'Examples:');
    for (const [line, what] of examples) {
      lines.push(`  $ ${line}`, wrap(`      ${what}`, 80, '      '));
    }
  }
  const text = `${cmd.helpInformation()}\n${examples.map(([l, w]) => `${l} ${w}`).join('\n')}`;
  const used = TERMS.filter((t) => t.pattern.test(text));
  if (used.length > 0) {
    lines.push('', 'Terms:');
    for (const t of used) lines.push(wrap(`  ${t.term}: ${t.meaning}`, 80, '      '));
  }
  return `${lines.join('\n')}\n`;
}

/** Attach examples and terms to the help of `program` and of every command under it. */
export function addHelpTexts(program: Command): void {
  const visit = (cmd: Command) => {
    cmd.addHelpText('after', () => renderAfter(cmd));
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
}
