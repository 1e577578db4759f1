import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { openCas } from '../../src/cas/index.js';
import { readObjectSlice } from '../../src/mcp/readObjectSlice.js';
import { isPackerError } from '../../src/util/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

const lineArb = fc.string({ unit: fc.constantFrom('a', 'é', '✓', '😀', ' ', '\r'), maxLength: 30 });
const textArb = fc.tuple(fc.array(lineArb, { maxLength: 30 }), fc.boolean()).map(([lines, end]) => lines.join('\n') + (end && lines.length ? '\n' : ''));

test('readObjectSlice: following nextStartLine returns every byte once, each answer within the limit', async (t) => {
  const cas = openCas(await tempDir(t));
  await fc.assert(
    fc.asyncProperty(textArb, fc.integer({ min: 8, max: 200 }), async (text, maxBytes) => {
      const { hash } = await cas.putBytes(Buffer.from(text));
      let out = '';
      let start = 1;
      for (let i = 0; i < 10_000; i++) {
        const s = await readObjectSlice(cas, `sha256:${hash}`, { startLine: start, maxBytes });
        assert.ok(Buffer.byteLength(s.text) <= maxBytes);
        out += s.text;
        if (s.lineCut) {
          // a line longer than the limit: only its start came back; take the rest of the line from the source
          const line = text.split('\n')[s.startLine - 1]!;
          out = out.slice(0, out.length - s.text.length) + line + (s.startLine < s.totalLines || text.endsWith('\n') ? '\n' : '');
        }
        if (!s.truncated || s.endLine >= s.totalLines) break;
        start = s.endLine + 1;
      }
      assert.equal(out, text);
    }),
    { numRuns: 150 },
  );
});

test('readObjectSlice: line ranges, counts, and errors for bad ranges, missing and corrupt objects', async (t) => {
  const cas = openCas(await tempDir(t));
  const { hash } = await cas.putBytes(Buffer.from('one\ntwo\nthree'));
  const ref = `sha256:${hash}`;
  const s = await readObjectSlice(cas, ref, { startLine: 2, endLine: 3, maxBytes: 1000 });
  assert.deepEqual([s.text, s.totalLines, s.startLine, s.endLine, s.truncated], ['two\nthree', 3, 2, 3, false]);
  const code = async (p: Promise<unknown>) => p.then(() => 'none', (err: unknown) => (isPackerError(err) ? err.code : String(err)));
  assert.equal(await code(readObjectSlice(cas, ref, { startLine: 5, maxBytes: 1000 })), 'INPUT_INVALID');
  assert.equal(await code(readObjectSlice(cas, ref, { startLine: 3, endLine: 2, maxBytes: 1000 })), 'INPUT_INVALID');
  assert.equal(await code(readObjectSlice(cas, `sha256:${'0'.repeat(64)}`, { maxBytes: 1000 })), 'CAS_NOT_FOUND');
  const bin = await cas.putBytes(Buffer.from([0xff, 0xfe, 0x00]));
  assert.equal(await code(readObjectSlice(cas, `sha256:${bin.hash}`, { maxBytes: 1000 })), 'INPUT_INVALID');
  await flipByte(cas.path(hash), 12);
  // the damaged byte is outside the wanted lines: the whole object is still checked
  assert.equal(await code(readObjectSlice(cas, ref, { startLine: 1, endLine: 1, maxBytes: 1000 })), 'CAS_CORRUPT_OBJECT');
});
