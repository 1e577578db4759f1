/**
 * Reads run ahead in a bounded window while FULL and SPLIT are written as streams in pack order.
 * Section files go to part files (`SPLIT/.part-N`) that `finishBodies` numbers and names once it
 * is known which sections are non-empty; FULL goes to `FULL/.part` until the stamp is known.
 */
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTextNormalizer,
  orderSections,
  renderBlockClose,
  renderBlockOpen,
  renderBodiesFooter,
  renderFileBlockParts,
  renderFullHeader,
  renderSectionHeader,
  sectionOf,
  splitSectionFileName,
  type OmittedFile,
  type PackedFile,
  type SplitSection,
} from '../bundle/index.js';
import type { Scope } from '../scopes/index.js';
import type { SourceFile } from '../walk/index.js';
import { mapOrdered } from './mapOrdered.js';
import { openSink, type Sink } from './openSink.js';
import type { ReadResult } from './readPackFile.js';

export interface WriteBodiesInput {
  files: readonly SourceFile[];
  scope: Scope;
  staging: string;
  full: boolean;
  split: boolean;
  read: (file: SourceFile) => Promise<ReadResult>;
  concurrency: number;
  onFile?: (done: { files: number; bytes: number }) => void;
}

export interface WrittenBodies {
  packed: PackedFile[];
  /** Files the full read found not to be text. */
  omitted: OmittedFile[];
  /** Non-empty sections in order, with their part files. */
  sections: { name: string; part: string; files: PackedFile[]; bytes: number }[];
  /** FULL's part file, when FULL is on. */
  fullPart?: string;
}

async function writeBlock(result: Extract<ReadResult, { text: true }>, sinks: readonly Sink[]): Promise<void> {
  const { body, file } = result;
  if (body.kind === 'bytes') {
    const parts = renderFileBlockParts({ rootPath: file.rootPath, bytes: body.bytes });
    for (const s of sinks) for (const part of parts) await s.write(part);
    return;
  }
  const head = renderBlockOpen({ rootPath: file.rootPath, bytes: result.size, longestRun: body.longestRun });
  const headBytes = Buffer.from(head.text, 'utf8');
  for (const s of sinks) await s.write(headBytes);
  const normalizer = createTextNormalizer();
  let last = '';
  const emit = async (text: string): Promise<void> => {
    if (text === '') return;
    last = text;
    const bytes = Buffer.from(text, 'utf8');
    for (const s of sinks) await s.write(bytes);
  };
  const fh = await open(body.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      await emit(normalizer.push(buf.subarray(0, bytesRead)));
    }
  } finally {
    await fh.close();
  }
  await emit(normalizer.end());
  for (const s of sinks) await s.write(renderBlockClose(head.fence, last === '' || last.endsWith('\n')));
}

/** One open section file at a time; a section met again (not contiguous) is appended to. */
function createSectionWriter(scope: Scope, splitDir: string) {
  const sections = new Map<string, { name: string; part: string; files: PackedFile[]; bytes: number }>();
  let current: { name: string; sink: Sink } | undefined;
  return {
    sections,
    async sinkFor(name: string): Promise<Sink> {
      if (current?.name === name) return current.sink;
      await current?.sink.close();
      current = undefined;
      let section = sections.get(name);
      let sink: Sink;
      if (section) sink = await openSink(section.part, 'append');
      else {
        section = { name, part: join(splitDir, `.part-${sections.size}`), files: [], bytes: 0 };
        sections.set(name, section);
        sink = await openSink(section.part);
        await sink.write(renderSectionHeader(scope, name));
      }
      current = { name, sink };
      return sink;
    },
    async close(): Promise<void> {
      await current?.sink.close();
      current = undefined;
    },
  };
}

export async function writeBodies(input: WriteBodiesInput): Promise<WrittenBodies> {
  const { scope } = input;
  const packed: PackedFile[] = [];
  const omitted: OmittedFile[] = [];
  const fullPart = input.full ? join(input.staging, 'FULL', '.part') : undefined;
  const full = fullPart ? await openSink(fullPart) : undefined;
  const split = createSectionWriter(scope, join(input.staging, 'SPLIT'));
  let doneFiles = 0;
  let doneBytes = 0;
  try {
    if (full) await full.write(renderFullHeader(scope));
    for await (const r of mapOrdered(input.files, input.concurrency, input.read)) {
      doneFiles += 1;
      doneBytes += r.size;
      if (!r.text) omitted.push({ rootPath: r.file.rootPath, bytes: r.size });
      else {
        const entry: PackedFile = { path: r.file.path, rootPath: r.file.rootPath, bytes: r.size, hash: r.hash };
        packed.push(entry);
        const sinks: Sink[] = full ? [full] : [];
        if (input.split) {
          const name = sectionOf(entry, scope.sections);
          sinks.push(await split.sinkFor(name));
          const section = split.sections.get(name)!;
          section.files.push(entry);
          section.bytes += entry.bytes;
        }
        await writeBlock(r, sinks);
      }
      input.onFile?.({ files: doneFiles, bytes: doneBytes });
    }
    if (full) await full.write(renderBodiesFooter(packed.length, packed.reduce((n, f) => n + f.bytes, 0)));
  } finally {
    await full?.close();
    await split.close();
  }
  const order = orderSections(split.sections.keys(), scope.sections);
  const sections = order.map((name) => split.sections.get(name)!);
  return { packed, omitted, sections, ...(fullPart ? { fullPart } : {}) };
}

/** Give the part files their final names; section files get their footers. */
export async function finishBodies(input: {
  bodies: WrittenBodies;
  scope: Scope;
  staging: string;
  fullName?: string;
}): Promise<SplitSection[]> {
  const { bodies, scope, staging } = input;
  if (bodies.fullPart && input.fullName) await rename(bodies.fullPart, join(staging, input.fullName));
  const out: SplitSection[] = [];
  for (const [i, s] of bodies.sections.entries()) {
    const fileName = splitSectionFileName(scope.prefix, i, bodies.sections.length, s.name);
    const sink = await openSink(s.part, 'append');
    try {
      await sink.write(renderBodiesFooter(s.files.length, s.bytes));
    } finally {
      await sink.close();
    }
    await rename(s.part, join(staging, 'SPLIT', fileName));
    out.push({ name: s.name, fileName, files: s.files, bytes: s.bytes });
  }
  return out;
}
