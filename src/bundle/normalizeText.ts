import { StringDecoder } from 'node:string_decoder';

/** File bytes as text: decoded as UTF-8, CRLF and lone CR turned into LF. */
export function decodeText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').replace(/\r\n?/g, '\n');
}

/** The streamed form of `decodeText`: a CR at the end of a chunk waits to see the next one. */
export interface TextNormalizer {
  push(chunk: Uint8Array): string;
  end(): string;
}

export function createTextNormalizer(): TextNormalizer {
  const decoder = new StringDecoder('utf8');
  let pendingCr = false;
  function normalize(text: string, final: boolean): string {
    let s = (pendingCr ? '\r' : '') + text;
    pendingCr = !final && s.endsWith('\r');
    if (pendingCr) s = s.slice(0, -1);
    return s.replace(/\r\n?/g, '\n');
  }
  return {
    push: (chunk) => normalize(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), false),
    end: () => normalize(decoder.end(), true),
  };
}

/** Rough token count of `bytes` of text (about four bytes a token); always named an estimate. */
export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / 4);
}
