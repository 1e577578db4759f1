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

/** The compare run: corpus line, one row per variant, floor parts, ratios, targets. */
export function formatCompare(result) {
  const { corpus, coldWrites, floorPlan, variants, ratios } = result;
  const order = ['cold', 'warm', 'repomix', 'floor', 'hash-only'].filter((name) => variants[name]);
  const rows = order.map((name) => [name, ...timeCells(variants[name])]);
  const floorParts = variants.floor.runs.map((r) => `${secs(r.parts.tar.wallMs)} + ${secs(r.parts.sha256.wallMs)}`);
  const lines = [
    `corpus ${corpus.name}: ${corpus.files} files, ${mib(corpus.bytes)} MiB; packed ${corpus.packedFiles} files, ` +
      `${mib(corpus.packedBytes)} MiB; cold pack writes ${mib(coldWrites.totalBytes)} MiB ` +
      `(out ${mib(coldWrites.outDirBytes)} + CAS ${mib(coldWrites.casBytes)})`,
    `runs: ${result.settings.runs} per variant after 1 warm-up round, alternating; warm page cache`,
    '',
    table(['variant', 'wall s (median)', 'min–max s', 'peak RSS MiB (median)', 'min–max MiB'], rows),
    '',
    `floor = tar writing ${mib(floorPlan.bytesWritten)} MiB (${floorPlan.copies} whole copies + ${floorPlan.partialFiles} files)` +
      ` + one SHA-256 pass; per run, tar + sha256 s: ${floorParts.join(', ')}`,
  ];
  if (result.repomix) {
    lines.push(`repomix (defaults) packed ${result.repomix.files} files into ${mib(result.repomix.outputBytes)} MiB of XML`);
  }
  const show = (x) => (x === null ? '—' : x.toFixed(2));
  lines.push('', `ratios (medians): cold ÷ floor ${show(ratios.coldOverFloor)}, repomix ÷ cold ${show(ratios.repomixOverCold)},` +
    ` warm ÷ cold ${show(ratios.warmOverCold)}, warm ÷ hash-only ${show(ratios.warmOverHashOnly)}`, '', formatTargets(result.targets));
  return lines.join('\n');
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
