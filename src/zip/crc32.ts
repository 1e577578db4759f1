/**
 * CRC-32 (the zip polynomial). Node 20.15+ has it natively (`zlib.crc32`, a few GB/s); older
 * Node 20 releases get a table-driven fallback with the same results.
 */
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value?: number) => number;

function tableCrc32(): Crc32 {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data, value = 0) => {
    let c = (value ^ 0xffffffff) >>> 0;
    for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
}

const native = (zlib as { crc32?: Crc32 }).crc32;

/** CRC-32 of `data`, continuing from `value` (the CRC of the bytes before it). */
export const crc32: Crc32 = native ?? tableCrc32();

/** The fallback, exported for the test that checks it against the native one. */
export const crc32Portable: Crc32 = tableCrc32();
