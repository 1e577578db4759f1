/**
 * SPLIT by tokens (`--split-tokens N`): numbered parts of at most N tokens each, counted exactly
 * on the part as written. Files go whole into the current part while they fit, else into the
 * next; a file that fits no empty part is cut at line boundaries (cutByTokens) into marked pieces,
 * one per part, so nothing is dropped. The same files and N always give the same parts.
 */
import { join } from 'node:path';
import { MIN_TEXT_TOKENS, cutByTokens, type PackedFile, type PieceInfo, type StyleRenderer } from '../bundle/index.js';
import type { Scope } from '../scopes/index.js';
import type { TokenMeter } from '../tokens/index.js';
import { PackerError } from '../util/index.js';
import { createDocumentWriter, type CountedBlock, type DocumentWriter } from './createDocumentWriter.js';
import { readText } from './fileUnit.js';
import { openSink, type Sink } from './openSink.js';
import type { WrittenSplitDoc } from './writeSections.js';

interface OpenPart {
  doc: WrittenSplitDoc;
  writer: DocumentWriter;
  sink: Sink;
}

function tooSmall(limit: number, needed: number): PackerError {
  return new PackerError('USAGE', ` --split-tokens ${limit} is too small: a part needs at least ${needed} tokens for its own headings and one line`, {
    hint: 'use a larger --split-tokens',
  });
}

export function createTokenPartWriter(input: { scope: Scope; splitDir: string; renderer: StyleRenderer; meter: TokenMeter; limit: number }) {
  const { scope, renderer, meter, limit } = input;
  const done: WrittenSplitDoc[] = [];
  let current: OpenPart | undefined;

  async function finishPart(): Promise<void> {
    if (!current) return;
    const totals = await current.writer.close();
    await current.sink.close();
    done.push({ ...current.doc, bytes: totals.bytes, tokens: totals.tokens });
    current = undefined;
  }

  async function startPart(): Promise<OpenPart> {
    await finishPart();
    const n = done.length + 1;
    const part = join(input.splitDir, `.part-${n - 1}`);
    const sink = await openSink(part);
    const writer = await createDocumentWriter({ renderer, doc: { scope, kind: 'part', name: String(n) }, meter, sink });
    current = { doc: { name: String(n), part, files: [], bytes: 0, tokens: 0 }, writer, sink };
    return current;
  }

  /** Whether a block of `head + unit` tokens and `bytes` still fits the open part. */
  async function fits(p: OpenPart, tokens: number, bytes: number): Promise<boolean> {
    return p.writer.tokens + tokens + (await p.writer.closeTokens(1, bytes)) <= limit;
  }

  async function addCut(entry: PackedFile, block: CountedBlock, p: OpenPart): Promise<void> {
    const text = await readText(block.read);
    const counter = await meter.counter();
    const rootPath = entry.rootPath;
    // Lines as `wc -l` and an editor count them: a final line break ends the last line, it does not start one.
    const breaks = text.split('\n').length - 1;
    const lines = text.endsWith('\n') ? breaks : breaks + 1;
    // Room for the unit: the part's frame and the longest heading a piece of this file can have.
    const worst: PieceInfo = { piece: lines, pieces: lines, firstLine: lines, lastLine: lines, totalLines: lines };
    const frame = p.writer.tokens + (await p.writer.headTokens(rootPath, entry.bytes, worst)) + (await p.writer.closeTokens(1, Buffer.byteLength(text)));
    const first = Number(p.doc.name);
    // The exact tokens piece `i` takes in its own part (part `first + i`), frame included.
    const exact = async (piece: { text: string; firstLine: number; lastLine: number; unitTokens: number }, i: number, count: number) => {
      const doc = { scope, kind: 'part' as const, name: String(first + i) };
      const info: PieceInfo = { piece: i + 1, pieces: count, firstLine: piece.firstLine, lastLine: piece.lastLine, totalLines: lines };
      const head = renderer.fileHead({ rootPath, bytes: entry.bytes, index: 0, piece: info });
      const close = renderer.close(doc, { files: 1, bytes: Buffer.byteLength(piece.text) });
      return (await meter.text(renderer.open(doc))) + (await meter.text(head)) + piece.unitTokens + (await meter.text(close));
    };
    let capacity = limit - frame - 2;
    let pieces;
    for (;;) {
      try {
        pieces = cutByTokens({ renderer, count: (t) => counter.count(t), rootPath, longestRun: block.unit.longestRun, text, capacity });
      } catch (err) {
        if (err instanceof RangeError) throw tooSmall(limit, frame + MIN_TEXT_TOKENS + 2);
        throw err;
      }
      let over = 0;
      for (const [i, piece] of pieces.entries()) over = Math.max(over, (await exact(piece, i, pieces.length)) - limit);
      if (over <= 0) break;
      capacity -= over; // a heading with other numbers took a few more tokens than estimated
    }
    for (const [i, piece] of pieces.entries()) {
      const part = current && current.writer.files === 0 ? current : await startPart();
      const info: PieceInfo = { piece: i + 1, pieces: pieces.length, firstLine: piece.firstLine, lastLine: piece.lastLine, totalLines: lines };
      await part.writer.addPiece({ read: block.read, unit: block.unit, piece: info, text: piece.text, unitTokens: piece.unitTokens });
      if (part.writer.tokens + (await part.writer.closeTokens(0, 0)) > limit) {
        throw new PackerError('PACK_TOKEN_BUDGET', ` part ${part.doc.name} holds more than ${limit} tokens after cutting ${rootPath}`, { hint: 'raise with --split-tokens N' });
      }
      part.doc.files.push(entry);
      (part.doc.pieces ??= []).push({ rootPath, piece: info });
    }
  }

  return {
    async add(entry: PackedFile, block: CountedBlock): Promise<void> {
      let p = current ?? (await startPart());
      let head = await p.writer.headTokens(entry.rootPath, entry.bytes);
      if (!(await fits(p, head + block.unitTokens, entry.bytes)) && p.writer.files > 0) {
        p = await startPart();
        head = await p.writer.headTokens(entry.rootPath, entry.bytes);
      }
      if (await fits(p, head + block.unitTokens, entry.bytes)) {
        await p.writer.add(block);
        p.doc.files.push(entry);
        return;
      }
      await addCut(entry, block, p);
    },
    async finish(): Promise<WrittenSplitDoc[]> {
      await finishPart();
      return done;
    },
    async abort(): Promise<void> {
      await current?.sink.close();
    },
  };
}
