/**
 * Writes one document of file blocks (FULL, or one SPLIT section or part) in a style and keeps its
 * exact token count as it goes: every piece it writes sits between safe seams (see
 * tokens/safeSeam), so the document's count is the sum of its pieces' counts. Without a sink it
 * only counts (FULL's count when FULL is not written).
 */
import type { DocumentInfo, PieceInfo, StyleRenderer, UnitInfo } from '../bundle/index.js';
import type { TokenMeter } from '../tokens/index.js';
import { writeUnit, type TextRead } from './fileUnit.js';
import type { Sink } from './openSink.js';

/** A block whose unit was counted in the read stage. */
export interface CountedBlock {
  read: TextRead;
  unit: UnitInfo;
  unitTokens: number;
}

/** A piece of a file cut to fit a part: its own text and unit count. */
export interface PieceBlock {
  read: TextRead;
  unit: UnitInfo;
  piece: PieceInfo;
  text: string;
  unitTokens: number;
}

export interface DocumentTotals {
  files: number;
  bytes: number;
  tokens: number;
}

export interface DocumentWriter {
  readonly doc: DocumentInfo;
  /** Blocks so far. */
  readonly files: number;
  readonly bytes: number;
  /** Tokens so far, without the closing text. */
  readonly tokens: number;
  /** Head tokens the next block of this path and size would take here. */
  headTokens(rootPath: string, bytes: number, piece?: PieceInfo): Promise<number>;
  /** Adds a whole file; returns the tokens of its block. */
  add(block: CountedBlock): Promise<number>;
  /** Adds one piece of a cut file; returns the tokens of its block. */
  addPiece(block: PieceBlock): Promise<number>;
  /** Adds a block of generated text (git context) under `label`; returns its tokens. */
  addText(label: string, text: string): Promise<number>;
  /** Tokens the closing text would take after `extraFiles` more files of `extraBytes`. */
  closeTokens(extraFiles: number, extraBytes: number): Promise<number>;
  close(): Promise<DocumentTotals>;
}

export async function createDocumentWriter(input: {
  renderer: StyleRenderer;
  doc: DocumentInfo;
  meter: TokenMeter;
  sink?: Sink;
}): Promise<DocumentWriter> {
  const { renderer, doc, meter, sink } = input;
  const sinks = sink ? [sink] : [];
  const write = async (text: string) => {
    if (sink) await sink.write(text);
  };
  const open = renderer.open(doc);
  await write(open);
  let tokens = await meter.text(open);
  let files = 0;
  let bytes = 0;
  const head = (rootPath: string, size: number, piece?: PieceInfo, label?: string) =>
    renderer.fileHead({ rootPath, bytes: size, index: files, ...(piece ? { piece } : {}), ...(label ? { label } : {}) });
  const added = (size: number, n: number) => {
    files += 1;
    bytes += size;
    tokens += n;
    return n;
  };
  return {
    doc,
    get files() {
      return files;
    },
    get bytes() {
      return bytes;
    },
    get tokens() {
      return tokens;
    },
    headTokens: (rootPath, size, piece) => meter.text(head(rootPath, size, piece)),
    async add(block) {
      const h = head(block.read.file.rootPath, block.read.size);
      const n = (await meter.text(h)) + block.unitTokens;
      await write(h);
      if (sink) await writeUnit(renderer, block.read, block.unit, sinks);
      return added(block.read.size, n);
    },
    async addPiece(block) {
      const h = head(block.read.file.rootPath, block.read.size, block.piece);
      const n = (await meter.text(h)) + block.unitTokens;
      const escaper = renderer.escaper();
      const body = escaper.push(block.text) + escaper.end();
      const endsWithNewline = block.text === '' || block.text.endsWith('\n');
      await write(h + renderer.unitOpen(block.unit) + body + renderer.unitClose(block.unit, endsWithNewline));
      return added(Buffer.byteLength(block.text), n);
    },
    async addText(label, text) {
      const size = Buffer.byteLength(text);
      const h = head(label, size, undefined, label);
      const unit = { rootPath: label, longestRun: longestRunOf(text) };
      const escaper = renderer.escaper();
      const u = renderer.unitOpen(unit) + escaper.push(text) + escaper.end() + renderer.unitClose(unit, text === '' || text.endsWith('\n'));
      const n = (await meter.text(h)) + (await meter.text(u));
      await write(h + u);
      // Generated text is not a file: it adds tokens, not files or bytes.
      tokens += n;
      return n;
    },
    closeTokens: (extraFiles, extraBytes) => meter.text(renderer.close(doc, { files: files + extraFiles, bytes: bytes + extraBytes })),
    async close() {
      const close = renderer.close(doc, { files, bytes });
      await write(close);
      tokens += await meter.text(close);
      return { files, bytes, tokens };
    },
  };
}

function longestRunOf(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}
