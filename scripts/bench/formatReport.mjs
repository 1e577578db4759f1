// Plain-text tables for the terminal (BENCHMARKS.md copies them).

const MIB = 1024 * 1024;

const secs = (ms) => (ms / 1000).toFixed(2);
const mib = (bytes) => (bytes / MIB).toFixed(1);

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function timeCells(v) {
  return [secs(v.wallMs.median), `${secs(v.wallMs.min)}–${secs(v.wallMs.max)}`, v.maxRssMiB.median.toFixed(1),
    `${v.maxRssMiB.min.toFixed(1)}–${v.maxRssMiB.max.toFixed(1)}`];
}

function formatTargets(targets) {
  const verdict = (t) => (t.pass === null ? 'not measured' : t.pass ? 'PASS' : 'FAIL');
  return table(['target', 'measured', 'verdict'],
    targets.map((t) => [t.name, t.value === null ? '—' : String(t.value), verdict(t)]));
}

function variantRows(result, prefix = '') {
  const floor = result.variants.floor?.wallMs.median;
  return Object.entries(result.variants).map(([name, v]) => [`${prefix}${name}`, ...timeCells(v),
    floor ? (v.wallMs.median / floor).toFixed(2) : '—']);
}

const VARIANT_HEADER = ['variant', 'wall s (median)', 'min–max s', 'peak RSS MiB (median)', 'min–max MiB', '÷ floor'];

function corpusLine(result) {
  const { corpus, coldWrites } = result;
  return `${corpus.name} (scope ${result.settings.scope}): ${corpus.files} files, ${mib(corpus.bytes)} MiB; packed ${corpus.packedFiles} files, ` +
    `${mib(corpus.packedBytes)} MiB; cold pack writes ${mib(coldWrites.totalBytes)} MiB (out ${mib(coldWrites.outDirBytes)} + store ${mib(coldWrites.casBytes)})`;
}

function peerLines(result) {
  return Object.entries(result.peers).map(([name, p]) => `${name} packed ${p.files} files into ${mib(p.outputBytes)} MiB of XML`);
}

/** The compare run: corpus line, one row per variant, peers, targets. */
export function formatCompare(result) {
  return [
    corpusLine(result),
    `runs: ${result.settings.runs} per variant after 1 warm-up round, alternating; warm page cache; pack args: ${result.settings.packArgs.join(' ') || '(none)'}`,
    '',
    table(VARIANT_HEADER, variantRows(result)),
    '',
    ...peerLines(result),
    '',
    formatTargets(result.targets),
  ].join('\n');
}

/** The suite: every corpus in one table, scaling, start-up, and the targets. */
export function formatSuite(result) {
  const rows = Object.values(result.corpora).flatMap((c) => variantRows(c, `${c.corpus.name} `));
  for (const row of result.scaling.corpora) {
    for (const mode of ['cold', 'warm']) rows.push([`${row.corpus.name} ${mode}`, ...timeCells(row[mode]), '—']);
  }
  const s = result.startup.variants;
  const ms = (v) => `${v.ms.median.toFixed(0)} ms (${v.ms.min.toFixed(0)}–${v.ms.max.toFixed(0)})`;
  return [
    `suite: ${result.settings.runs} measured runs per variant (scaling ${result.settings.scalingRuns}) after 1 warm-up round, alternating; ` +
      `warm page cache; pack args: ${result.settings.packArgs.join(' ') || '(none)'}`,
    ...Object.values(result.corpora).map(corpusLine),
    ...result.scaling.corpora.map((r) => `${r.corpus.name}: ${r.corpus.files} files, ${mib(r.corpus.bytes)} MiB; packed ${r.corpus.packedFiles} files, ${mib(r.corpus.packedBytes)} MiB`),
    '',
    table(VARIANT_HEADER, rows),
    '',
    ...Object.values(result.corpora).flatMap((c) => peerLines(c).map((l) => `${c.corpus.name}: ${l}`)),
    `start-up (${result.startup.runs} runs each): node -e 0 ${ms(s.node)}, --version ${ms(s.version)}, --help ${ms(s.help)}`,
    '',
    formatTargets(result.targets),
  ].join('\n');
}

/** `--check`: a fresh run against the recorded one, as ratios fresh ÷ recorded. */
export function formatCheck(fresh, recorded, file) {
  const rows = [];
  const add = (label, a, b) => rows.push([label, secs(b.wallMs.median), secs(a.wallMs.median), (a.wallMs.median / b.wallMs.median).toFixed(2),
    (a.maxRssMiB.median / b.maxRssMiB.median).toFixed(2)]);
  for (const [name, c] of Object.entries(fresh.corpora)) {
    for (const [v, a] of Object.entries(c.variants)) {
      const b = recorded.corpora[name]?.variants[v];
      if (b) add(`${name} ${v}`, a, b);
    }
  }
  for (const row of fresh.scaling.corpora) {
    const old = recorded.scaling.corpora.find((r) => r.corpus.name === row.corpus.name);
    if (old) for (const mode of ['cold', 'warm']) add(`${row.corpus.name} ${mode}`, row[mode], old[mode]);
  }
  const st = (r, k) => r.startup.variants[k].ms.median;
  const startup = ['node', 'version', 'help'].map((k) => `${k} ${(st(fresh, k) / st(recorded, k)).toFixed(2)}`).join(', ');
  return [
    `check: a fresh run against ${file} (commit ${recorded.machine.llmPacker?.commit?.slice(0, 7) ?? '?'}); ratios are fresh ÷ recorded, medians`,
    '',
    table(['variant', 'recorded s', 'fresh s', 'wall ratio', 'RSS ratio'], rows),
    '',
    `start-up ratios: ${startup}`,
    '',
    formatTargets(fresh.targets),
  ].join('\n');
}

/** The scaling run: one row per corpus size and mode, then the RSS growth and targets. */
export function formatScaling(result) {
  const rows = result.corpora.flatMap((row) =>
    ['cold', 'warm'].map((mode) => [
      `${row.corpus.name} ${mode}`, String(row.corpus.files), mib(row.corpus.bytes), String(row.corpus.packedFiles),
      mib(row.corpus.packedBytes), ...timeCells(row[mode]), String(row[`${mode}MsPerMiB`]),
    ]));
  const header = ['corpus / store', 'files', 'MiB', 'packed files', 'packed MiB', 'wall s', 'min–max s', 'peak RSS MiB',
    'min–max MiB', 'ms per MiB'];
  return [
    `scaling: ${result.settings.runs} run(s) per size and mode after 1 warm-up round; warm page cache`,
    '',
    table(header, rows),
    '',
    `peak RSS growth, largest ÷ smallest (medians): cold ${result.rssGrowth.cold}, warm ${result.rssGrowth.warm}`,
    '',
    formatTargets(result.targets),
  ].join('\n');
}
