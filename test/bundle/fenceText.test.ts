import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  codeSpan,
  createBacktickCounter,
  createTextNormalizer,
  decodeText,
  displayPath,
  fenceFor,
  longestBacktickRun,
  renderFileBlock,
  renderFileBlockParts,
} from '../../src/bundle/index.js';

function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

test('the longest backtick run is the same however the bytes are chunked', () => {
  const alphabet = fc.constantFrom(0x60, 0x60, 0x61, 0x0a, 0xc3, 0xa9);
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
      const buf = Uint8Array.from(bytes);
      const counter = createBacktickCounter();
      for (const c of chunked(buf, cuts)) counter.push(c);
      const expected = Math.max(0, ...(Buffer.from(buf).toString('latin1').match(/`+/g) ?? []).map((m) => m.length));
      assert.equal(counter.longest, expected);
      assert.equal(longestBacktickRun(buf), expected);
    }),
  );
});

test('fences are at least three backticks and one longer than any run inside', () => {
  assert.equal(fenceFor(0), '```');
  assert.equal(fenceFor(2), '```');
  assert.equal(fenceFor(3), '````');
  assert.equal(fenceFor(7), '````````');
});

test('the streamed normaliser equals decodeText for every chunking (CRLF, CR, split UTF-8)', () => {
  const alphabet = fc.constantFrom(0x0d, 0x0a, 0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff);
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
      const buf = Uint8Array.from(bytes);
      const n = createTextNormalizer();
      let out = '';
      for (const c of chunked(buf, cuts)) out += n.push(c);
      out += n.end();
      assert.equal(out, decodeText(buf));
      assert.ok(!out.includes('\r'));
    }),
  );
});

test('decodeText turns CRLF and lone CR into LF', () => {
  assert.equal(decodeText(Buffer.from('a\r\nb\rc\n\r\n')), 'a\nb\nc\n\n');
});

test('a file block survives backtick runs inside the text and closes on its own line', () => {
  const text = 'before\n```js\ncode\n```\n`````\nno newline at end';
  const block = renderFileBlock({ rootPath: 'docs/a.md', bytes: Buffer.from(text) });
  const lines = block.split('\n');
  assert.equal(lines[0], `## \`docs/a.md\` (${Buffer.byteLength(text)} bytes)`);
  assert.equal(lines[2], '``````md');
  assert.ok(block.endsWith('no newline at end\n``````\n\n'));
  // The opening fence is closed only by the last fence line: nothing inside is as long.
  const closers = lines.filter((l) => /^`{6,}$/.test(l));
  assert.equal(closers.length, 1);
});

test('a file block normalises CRLF and keeps an existing final newline', () => {
  const block = renderFileBlock({ rootPath: 'a.txt', bytes: Buffer.from('one\r\ntwo\r\n') });
  assert.equal(block, '## `a.txt` (10 bytes)\n\n```txt\none\ntwo\n```\n\n');
  assert.equal(renderFileBlock({ rootPath: 'NOEXT', bytes: Buffer.from('') }), '## `NOEXT` (0 bytes)\n\n```\n```\n\n');
});

test('paths with backticks or control characters stay on one line', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x'), '`` `x ``');
  assert.equal(displayPath('new\nline'), '"new\\nline"');
  assert.equal(displayPath('plain/path.md'), 'plain/path.md');
  const block = renderFileBlock({ rootPath: 'bad\nname.txt', bytes: Buffer.from('x') });
  assert.equal(block.split('\n')[0], '## `"bad\\nname.txt"` (1 byte)');
});

test('the byte form of a block equals the text form for any bytes (raw fast path included)', () => {
  const alphabet = fc.constantFrom(0x0d, 0x0a, 0x60, 0x61, 0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac, 0xff, 0x00);
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 120 }), (bytes) => {
      const buf = Buffer.from(bytes);
      const parts = renderFileBlockParts({ rootPath: 'x/y.md', bytes: buf });
      assert.equal(Buffer.concat(parts).toString('utf8'), renderFileBlock({ rootPath: 'x/y.md', bytes: buf }));
    }),
  );
});
