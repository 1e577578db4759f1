import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTextContent } from '../../src/walk/index.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

test('isTextContent: valid UTF-8 without NUL is text', () => {
  assert.equal(isTextContent(new Uint8Array(0)), true);
  assert.equal(isTextContent(Buffer.from('plain ascii\r\n')), true);
  assert.equal(isTextContent(Buffer.from('ünïcödé ～ 😀')), true);
  assert.equal(isTextContent(bytes(0xef, 0xbb, 0xbf, 0x61)), true, 'a BOM is fine');
});

test('isTextContent: a NUL byte or invalid UTF-8 is not text', () => {
  assert.equal(isTextContent(bytes(0x61, 0x00, 0x62)), false);
  assert.equal(isTextContent(bytes(0xff, 0x61)), false);
  assert.equal(isTextContent(bytes(0xc3)), false, 'truncated sequence');
  assert.equal(isTextContent(bytes(0xed, 0xa0, 0x80)), false, 'an encoded surrogate');
  assert.equal(isTextContent(bytes(0xc0, 0xaf)), false, 'an overlong encoding');
  assert.equal(isTextContent(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01)), false, 'a PNG');
});
