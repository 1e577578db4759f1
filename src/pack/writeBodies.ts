/**
 * Reads run ahead in a bounded window (each file's unit counted there, from the token cache or on
 * the worker pool) while FULL and SPLIT are written as streams in pack order, in the output
 * style. SPLIT documents go to part files (`SPLIT/.part-N`) that `finishBodies` names once all
 * are known; FULL goes to `FULL/.part` until the stamp is known; `finishBodies` then adds FULL's
 * treemap and SPLIT's index, so FULL/ and SPLIT/ have this one stage as their writer. FULL's
 * token count is kept even when FULL is not written.
 */
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  orderSections,
  renderSplitIndex,
  renderTreemap,
  splitPartFileName,
  splitSectionFileName,
  type OmittedFile,
  type PackedFile,
  type SplitSection,
  type StyleRenderer,
} from '../bundle/index.js';
import { PACK_FOLDERS, packPaths } from '../packdir/index.js';
import { writeFileDurable } from '../util/index.js';
import type { Scope } from '../scopes/index.js';
import type { TokenMeter } from '../tokens/index.js';
import type { SourceFile } from '../walk/index.js';
import { createDocumentWriter, type CountedBlock } from './createDocumentWriter.js';
import { unitInfo, unitText } from './fileUnit.js';
import { mapOrdered } from './mapOrdered.js';
import { openSink } from './openSink.js';
import type { ReadResult } from './readPackFile.js';
import { createSectionWriter, type WrittenSplitDoc } from './writeSections.js';
import { createTokenPartWriter } from './writeTokenParts.js';

/** Generated text that FULL holds after the files (git context), as `[label, text]`. */
export type ExtraBlock = readonly [label: string, text: string];

export interface WriteBodiesInput {
  files: readonly SourceFile[];
  scope: Scope;
  staging: string;
  full: boolean;
  split: boolean;
  read: (file: SourceFile) => Promise<ReadResult>;
  concurrency: number;
  renderer: StyleRenderer;
  meter: TokenMeter;
  /** SPLIT in token-bounded parts instead of sections. */
  splitTokens?: number;
  extras?: readonly ExtraBlock[];
  onFile?: (done: { files: number; bytes: number }) => void;
}

export interface WrittenBodies {
  packed: PackedFile[];
  /** Files the full read found not to be text. */
  omitted: OmittedFile[];
  /** Non-empty SPLIT documents in order (sections, or parts), with their part files. */
  split: { kind: 'section' | 'part'; docs: WrittenSplitDoc[] };
  /** FULL's part file, when FULL is on. */
  fullPart?: string;
  /** Tokens of FULL as written (or as it would be written). */
  fullTokens: number;
}

type Counted = Exclude<ReadResult, { text: true }> | (Extract<ReadResult, { text: true }> & { block: CountedBlock });

function countingReader(input: WriteBodiesInput): (file: SourceFile) => Promise<Counted> {
  const { renderer, meter } = input;
  return async (file) => {
    const r = await input.read(file);
    if (!r.text) return r;
    const unit = unitInfo(r);
    const unitTokens = await meter.unit({ hash: r.hash, variant: renderer.variant(unit) }, () => unitText(renderer, r, unit));
    return { ...r, block: { read: r, unit, unitTokens } };
  };
}

function createSplitWriter(input: WriteBodiesInput) {
  const base = { scope: input.scope, splitDir: join(input.staging, PACK_FOLDERS.SPLIT), renderer: input.renderer, meter: input.meter };
  if (input.splitTokens !== undefined) {
    const parts = createTokenPartWriter({ ...base, limit: input.splitTokens });
    return { add: parts.add, abort: parts.abort, finish: async () => ({ kind: 'part' as const, docs: await parts.finish() }) };
  }
  const sections = createSectionWriter(base);
  return {
    add: sections.add,
    abort: sections.abort,
    async finish() {
      const byName = await sections.finish();
      return { kind: 'section' as const, docs: orderSections(byName.keys(), input.scope.sections).map((n) => byName.get(n)!) };
    },
  };
}

export async function writeBodies(input: WriteBodiesInput): Promise<WrittenBodies> {
  const { scope } = input;
  const packed: PackedFile[] = [];
  const omitted: OmittedFile[] = [];
  const fullPart = input.full ? join(input.staging, PACK_FOLDERS.FULL, '.part') : undefined;
  const sink = fullPart ? await openSink(fullPart) : undefined;
  const split = input.split ? createSplitWriter(input) : undefined;
  let doneFiles = 0;
  let doneBytes = 0;
  let finished = false;
  try {
    const full = await createDocumentWriter({ renderer: input.renderer, doc: { scope, kind: 'full' }, meter: input.meter, ...(sink ? { sink } : {}) });
    for await (const r of mapOrdered(input.files, input.concurrency, countingReader(input))) {
      doneFiles += 1;
      doneBytes += r.size;
      if (!r.text) omitted.push({ rootPath: r.file.rootPath, bytes: r.size });
      else {
        const entry: PackedFile = { path: r.file.path, rootPath: r.file.rootPath, bytes: r.size, hash: r.hash, tokens: 0 };
        entry.tokens = await full.add(r.block);
        packed.push(entry);
        await split?.add(entry, r.block);
      }
      input.onFile?.({ files: doneFiles, bytes: doneBytes });
    }
    for (const [label, text] of input.extras ?? []) await full.addText(label, text);
    const totals = await full.close();
    await sink?.close();
    const splitDocs = split ? await split.finish() : { kind: 'section' as const, docs: [] };
    finished = true;
    return { packed, omitted, split: splitDocs, fullTokens: totals.tokens, ...(fullPart ? { fullPart } : {}) };
  } finally {
    if (!finished) {
      await sink?.close().catch(() => undefined);
      await split?.abort().catch(() => undefined);
    }
  }
}

/**
 * The end of the bodies stage, which is the one writer of FULL/ and SPLIT/: give the part files
 * their final names (the stamp and the extension are known only once every file was read), then
 * write FULL's treemap and SPLIT's index beside them.
 */
export async function finishBodies(input: {
  bodies: WrittenBodies;
  scope: Scope;
  staging: string;
  renderer: StyleRenderer;
  stamp: string;
  full: boolean;
  split: boolean;
  encoding: string;
}): Promise<{ sections: SplitSection[]; fullName?: string }> {
  const { bodies, scope, staging, renderer, stamp } = input;
  const fullName = input.full ? packPaths.fullFile(scope.prefix, stamp, renderer.extension) : undefined;
  if (bodies.fullPart && fullName) await rename(bodies.fullPart, join(staging, fullName));
  const { kind, docs } = bodies.split;
  const sections: SplitSection[] = [];
  for (const [i, d] of docs.entries()) {
    const fileName =
      kind === 'part'
        ? splitPartFileName(scope.prefix, i, docs.length, renderer.extension)
        : splitSectionFileName(scope.prefix, i, docs.length, d.name, renderer.extension);
    await rename(d.part, join(staging, PACK_FOLDERS.SPLIT, fileName));
    sections.push({ name: d.name, fileName, files: d.files, bytes: d.bytes, tokens: d.tokens, ...(d.pieces ? { pieces: d.pieces } : {}) });
  }
  const tokens = { encoding: input.encoding, total: bodies.fullTokens };
  if (input.full) await writeFileDurable(join(staging, packPaths.treemapFile(scope.prefix, stamp)), renderTreemap(scope, bodies.packed, tokens));
  if (input.split) await writeFileDurable(join(staging, packPaths.splitIndex(scope.prefix)), renderSplitIndex(scope, sections, kind));
  return { sections, ...(fullName ? { fullName } : {}) };
}
