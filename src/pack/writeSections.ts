/**
 * SPLIT by section (the default): one document per section, in the style, each counted as it is
 * written. Sections are met in pack order, not one after the other (AGS buckets), so a section's
 * file is closed when another is written and opened again to append: one open file at a time.
 */
import { join } from 'node:path';
import { sectionOf, type PackedFile, type StyleRenderer } from '../bundle/index.js';
import type { Scope } from '../scopes/index.js';
import type { TokenMeter } from '../tokens/index.js';
import { createDocumentWriter, type CountedBlock, type DocumentWriter } from './createDocumentWriter.js';
import { openSink, type Sink } from './openSink.js';

/** A SPLIT document written to a part file (`SPLIT/.part-N`), named once all are known. */
export interface WrittenSplitDoc {
  name: string;
  part: string;
  files: PackedFile[];
  bytes: number;
  tokens: number;
  pieces?: { rootPath: string; piece: import('../bundle/index.js').PieceInfo }[];
}

/** A sink that holds its file open only between `write`s of one run of blocks. */
function createReopeningSink(path: string): Sink & { suspend(): Promise<void> } {
  let sink: Sink | undefined;
  let created = false;
  return {
    async write(data) {
      if (!sink) {
        sink = await openSink(path, created ? 'append' : 'new');
        created = true;
      }
      await sink.write(data);
    },
    async suspend() {
      await sink?.close();
      sink = undefined;
    },
    close() {
      return this.suspend();
    },
  };
}

export function createSectionWriter(input: { scope: Scope; splitDir: string; renderer: StyleRenderer; meter: TokenMeter }) {
  const { scope } = input;
  const sections = new Map<string, { writer: DocumentWriter; sink: ReturnType<typeof createReopeningSink>; part: string; files: PackedFile[] }>();
  let current: string | undefined;
  return {
    async add(entry: PackedFile, block: CountedBlock): Promise<void> {
      const name = sectionOf(entry, scope.sections);
      if (current !== undefined && current !== name) await sections.get(current)!.sink.suspend();
      current = name;
      let section = sections.get(name);
      if (!section) {
        const part = join(input.splitDir, `.part-${sections.size}`);
        const sink = createReopeningSink(part);
        const writer = await createDocumentWriter({ renderer: input.renderer, doc: { scope, kind: 'section', name }, meter: input.meter, sink });
        section = { writer, sink, part, files: [] };
        sections.set(name, section);
      }
      section.files.push(entry);
      await section.writer.add(block);
    },
    /** Closes every section (writing its end) and returns them by name. */
    async finish(): Promise<Map<string, WrittenSplitDoc>> {
      if (current !== undefined) await sections.get(current)!.sink.suspend();
      const out = new Map<string, WrittenSplitDoc>();
      for (const [name, s] of sections) {
        const totals = await s.writer.close();
        await s.sink.close();
        out.set(name, { name, part: s.part, files: s.files, bytes: totals.bytes, tokens: totals.tokens });
      }
      return out;
    },
    async abort(): Promise<void> {
      for (const s of sections.values()) await s.sink.close();
    },
  };
}
