import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOMParser, type Document } from '@xmldom/xmldom';
import fc from 'fast-check';
import {
  createCdataEscaper,
  longestBacktickRun,
  OUTPUT_STYLES,
  renderBlock,
  renderFileBlock,
  styleRenderer,
  xmlChars,
  type DocumentInfo,
  type StyleRenderer,
} from '../../src/bundle/index.js';
import { loadTokenCounter } from '../../src/tokens/index.js';
import { hostileText } from '../tokens/tokenText.js';

const scope = { key: 'repo', title: 'Repo <&> "x"' };
const hostilePath = fc.oneof(
  fc.constantFrom('a.ts', 'dir/b.md', 'x]]>y.xml', 'new\nline.txt', 'q"uote&<amp>.js', 'ctl\u0001\u001f.c', '`tick`.md', 'emoji😀.py'),
  hostileText(6).filter((s) => s !== ''),
);
const rawFile = fc.record({ rootPath: hostilePath, raw: hostileText() });
/** File text as the pipeline hands it to renderers: decoded, line endings as LF. */
const file = rawFile.map(({ rootPath, raw }) => ({ rootPath, raw, text: raw.replace(/\r\n?/g, '\n') }));

function renderDoc(r: StyleRenderer, doc: DocumentInfo, files: readonly { rootPath: string; text: string }[]): string[] {
  const pieces = [r.open(doc)];
  let bytes = 0;
  files.forEach((f, index) => {
    const size = Buffer.byteLength(f.text);
    bytes += size;
    const block = renderBlock(r, { ...f, bytes: size, index, longestRun: longestBacktickRun(Buffer.from(f.text)) });
    pieces.push(block.head, block.unit);
  });
  pieces.push(r.close(doc, { files: files.length, bytes }));
  return pieces;
}

function parseXml(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(text, 'text/xml');
  assert.deepEqual(errors, [], text);
  return doc;
}

test('xml: well-formed on hostile contents and paths; the text comes back (invalid characters as U+FFFD)', () => {
  const r = styleRenderer('xml');
  fc.assert(
    fc.property(fc.array(file, { maxLength: 5 }), fc.constantFrom<DocumentInfo['kind']>('full', 'section', 'part'), (files, kind) => {
      const doc = parseXml(renderDoc(r, { scope, kind, name: 'S]]>&1' }, files).join(''));
      const els = doc.getElementsByTagName('file');
      assert.equal(els.length, files.length);
      files.forEach((f, i) => {
        assert.equal(els[i]!.getAttribute('path'), xmlChars(f.rootPath));
        // `<file>`, a line feed, the CDATA sections (some line ends between them as references), a line feed.
        assert.equal(els[i]!.textContent, `\n${xmlChars(f.text)}\n`);
      });
    }),
    { numRuns: 300 },
  );
});

test('xml: a ]]> split over streamed chunks still closes no CDATA early', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(']', ']]', '>', ']]>', 'a', ']>'), { maxLength: 20 }), (chunks) => {
      const e = createCdataEscaper();
      const body = chunks.map((c) => e.push(c)).join('') + e.end();
      const doc = parseXml(`<x><![CDATA[${body}]]></x>`);
      assert.equal(doc.documentElement!.textContent, chunks.join(''));
    }),
  );
});

test('json: valid JSON on hostile contents; paths and text come back exactly', () => {
  const r = styleRenderer('json');
  fc.assert(
    fc.property(fc.array(file, { maxLength: 5 }), (files) => {
      const parsed = JSON.parse(renderDoc(r, { scope, kind: 'full' }, files).join('')) as { files: { path: string; content: string }[] };
      assert.deepEqual(
        parsed.files.map((f) => [f.path, f.content]),
        files.map((f) => [f.rootPath, f.text]),
      );
    }),
    { numRuns: 300 },
  );
});

test('markdown: blocks are those of earlier versions, byte for byte', () => {
  const r = styleRenderer('markdown');
  fc.assert(
    fc.property(file, ({ rootPath, text, raw }) => {
      const bytes = Buffer.from(raw);
      const block = renderBlock(r, { rootPath, text, bytes: bytes.length, index: 0, longestRun: longestBacktickRun(bytes) });
      assert.equal(block.head + block.unit, renderFileBlock({ rootPath, bytes }));
    }),
  );
});

for (const style of OUTPUT_STYLES) {
  test(`${style}: the token count of a document is the sum of its pieces`, async () => {
    const counter = await loadTokenCounter('o200k_base');
    const r = styleRenderer(style);
    fc.assert(
      fc.property(fc.array(file, { maxLength: 4 }), fc.constantFrom<DocumentInfo['kind']>('full', 'section', 'part'), (files, kind) => {
        const pieces = renderDoc(r, { scope, kind, name: '3' }, files);
        const sum = pieces.reduce((n, p) => n + counter.count(p), 0);
        assert.equal(counter.count(pieces.join('')), sum);
      }),
      { numRuns: 150 },
    );
  });
}
