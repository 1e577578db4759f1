/**
 * One read text file as a block's unit in a style: its text (decoded, line endings as LF),
 * streamed or whole; the unit's text for counting; the unit written to sinks. Markdown of a file
 * that is valid UTF-8 without a CR writes the file's own bytes (no decode, no re-encode).
 */
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { createTextNormalizer, decodeText, longestBacktickRun, type StyleRenderer, type UnitInfo } from '../bundle/index.js';
import type { Sink } from './openSink.js';
import type { ReadResult } from './readPackFile.js';

export type TextRead = Extract<ReadResult, { text: true }>;

const CHUNK = 1 << 20;

export function unitInfo(r: TextRead): UnitInfo {
  const longestRun = r.body.kind === 'bytes' ? longestBacktickRun(r.body.bytes) : r.body.longestRun;
  return { rootPath: r.file.rootPath, longestRun };
}

/** The file's text in pieces; a staged (large) file is read from its staging copy. */
async function* textChunks(r: TextRead): AsyncGenerator<string> {
  if (r.body.kind === 'bytes') {
    yield decodeText(r.body.bytes);
    return;
  }
  const normalizer = createTextNormalizer();
  const fh = await open(r.body.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      yield normalizer.push(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  yield normalizer.end();
}

/** The whole text (for cutting a file into pieces). */
export async function readText(r: TextRead): Promise<string> {
  let text = '';
  for await (const piece of textChunks(r)) text += piece;
  return text;
}

/** The unit's text as it is written: whole for a file in memory, streamed for a staged one. */
export function unitText(renderer: StyleRenderer, r: TextRead, unit: UnitInfo): string | AsyncIterable<string> {
  if (r.body.kind === 'bytes') {
    const text = decodeText(r.body.bytes);
    const escaper = renderer.escaper();
    const body = escaper.push(text) + escaper.end();
    return renderer.unitOpen(unit) + body + renderer.unitClose(unit, text === '' || text.endsWith('\n'));
  }
  return (async function* () {
    yield renderer.unitOpen(unit);
    const escaper = renderer.escaper();
    let last = '';
    for await (const piece of textChunks(r)) {
      if (piece !== '') last = piece;
      yield escaper.push(piece);
    }
    yield escaper.end() + renderer.unitClose(unit, last === '' || last.endsWith('\n'));
  })();
}

/** Writes the unit to every sink. */
export async function writeUnit(renderer: StyleRenderer, r: TextRead, unit: UnitInfo, sinks: readonly Sink[]): Promise<void> {
  const all = async (data: string | Buffer) => {
    for (const s of sinks) await s.write(data);
  };
  const { body } = r;
  if (renderer.style === 'markdown' && body.kind === 'bytes' && body.bytes.indexOf(0x0d) === -1 && isUtf8(body.bytes)) {
    const { bytes } = body;
    await all(renderer.unitOpen(unit));
    await all(bytes);
    await all(renderer.unitClose(unit, bytes.length === 0 || bytes[bytes.length - 1] === 0x0a));
    return;
  }
  const source = unitText(renderer, r, unit);
  if (typeof source === 'string') await all(source);
  else for await (const piece of source) if (piece !== '') await all(piece);
}
