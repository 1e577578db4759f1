import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonBytes, encodeString, prettyJson, sha256Hex } from '../../src/util/index.js';
import { jsonValue, unicodeString } from '../fixtures/unicodeArbitraries.js';

// docs/FORMATS.md §11, copied by hand: the exact bytes the original writes and their hashes.
const TASK_SPEC_BYTES =
  '{"excluded_dir_parts":[".git","BUILD","LAB","ORIGINAL","Original","RESEARCH","__pycache__","_generated","_packs","_runs","node_modules","research"],"grammar_version":"1.0","include_dirs":["LAW","CAPABILITY","NAVIGATION","DIRECTION","THOUGHT","MEMORY",".github"],"manifest_version":"P2.0","modes":["FULL","SPLIT","LITE"],"repo_state":{},"scope":"ags"}';
const TASK_SPEC_HASH = '8058b24d1847d781af7e7daafbc8d0475648ee6dfd61442687a8ee3855851f5e';
const STATUS_BYTES =
  '{"cas_snapshot_hash":"a81bc627fe7e128c87f3d563953eccac1489a602117a5e120ce672f36b4a16b5","manifest_ref":"sha256:0ae64388e2899839262d58be9fb89424a25c01b99b465cf1968baf74ba2dab76","output_hashes_ref":"52696f9a07e98b391d2e585f7239e99a0637b5a60269e586b7d449ff9cb9c3ac","state":"COMPLETED","task_spec_ref":"8058b24d1847d781af7e7daafbc8d0475648ee6dfd61442687a8ee3855851f5e","verdict":"PASS"}';
const STATUS_HASH = '612d2de42fd697ca6088eee2452ccef0d90c2d869fab20116c182296f446182e';

function refuses(value: unknown, label: string): void {
  assert.throws(() => canonicalJson(value), { code: 'CANONICAL_JSON_UNSUPPORTED' }, `compact: ${label}`);
  assert.throws(() => prettyJson(value), { code: 'CANONICAL_JSON_UNSUPPORTED' }, `pretty: ${label}`);
}

test('the TASK_SPEC of docs/FORMATS.md §11, built in another key order, encodes to its exact bytes and hash', () => {
  const spec = {
    scope: 'ags',
    repo_state: {},
    modes: ['FULL', 'SPLIT', 'LITE'],
    manifest_version: 'P2.0',
    include_dirs: ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', '.github'],
    grammar_version: '1.0',
    excluded_dir_parts: ['.git', 'BUILD', 'LAB', 'ORIGINAL', 'Original', 'RESEARCH', '__pycache__', '_generated', '_packs', '_runs', 'node_modules', 'research'],
  };
  assert.equal(canonicalJson(spec), TASK_SPEC_BYTES);
  const bytes = canonicalJsonBytes(spec);
  assert.deepEqual(bytes, Buffer.from(TASK_SPEC_BYTES, 'utf8'));
  assert.equal(sha256Hex(bytes), TASK_SPEC_HASH);
  assert.deepEqual(canonicalJsonBytes(spec, { newline: true }), Buffer.from(`${TASK_SPEC_BYTES}\n`, 'utf8'));
});

test('the STATUS of docs/FORMATS.md §11 encodes to its exact bytes and hash', () => {
  const status = {
    verdict: 'PASS',
    task_spec_ref: TASK_SPEC_HASH,
    state: 'COMPLETED',
    output_hashes_ref: '52696f9a07e98b391d2e585f7239e99a0637b5a60269e586b7d449ff9cb9c3ac',
    manifest_ref: 'sha256:0ae64388e2899839262d58be9fb89424a25c01b99b465cf1968baf74ba2dab76',
    cas_snapshot_hash: 'a81bc627fe7e128c87f3d563953eccac1489a602117a5e120ce672f36b4a16b5',
  };
  assert.equal(canonicalJson(status), STATUS_BYTES);
  assert.equal(sha256Hex(canonicalJsonBytes(status)), STATUS_HASH);
});

test('keys sort by code point: U+FF01 before an astral character, which UTF-16 order reverses', () => {
  const value = { '\u{1F600}': 1, '\uFF01': 2, a: 3, 'a\u{1F600}': 4, 'a\uFF01': 5, '\uE000': 6 };
  assert.equal(canonicalJson(value), '{"a":3,"a\uFF01":5,"a\u{1F600}":4,"\uE000":6,"\uFF01":2,"\u{1F600}":1}');
  // The UTF-8 bytes, spelled out: EF BC 81 (U+FF01) comes before F0 9F 98 80 (U+1F600).
  assert.equal(
    canonicalJsonBytes({ '\u{1F600}': 0, '\uFF01': 0 }).toString('hex'),
    Buffer.from('{"', 'latin1').toString('hex') + 'efbc81' + '223a302c22' + 'f09f9880' + '223a307d',
  );
});

test('integer-like keys sort as strings, not in JavaScript property order', () => {
  assert.equal(canonicalJson({ a: 1, 10: 2, 2: 3, '-1': 4, '01': 5 }), '{"-1":4,"01":5,"10":2,"2":3,"a":1}');
  assert.equal(canonicalJson({ x: { 2: true, 10: false } }), '{"x":{"10":false,"2":true}}');
});

test('every control character U+0000–U+001F is escaped, lowercase hex; U+007F, "/" and U+2028 are raw', () => {
  let controls = '';
  for (let c = 0; c < 0x20; c++) controls += String.fromCharCode(c);
  const expected = String.raw`"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"`;
  assert.equal(encodeString(controls), expected);
  assert.equal(canonicalJson([controls]), `[${expected}]`);
  assert.equal(canonicalJson({ [controls]: 0 }), `{${expected}:0}`);
  assert.equal(canonicalJson('\x7f'), '"\x7f"');
  assert.equal(canonicalJson('a/b'), '"a/b"');
  assert.equal(canonicalJson('say "hi"'), String.raw`"say \"hi\""`);
  assert.equal(canonicalJson('C:\\x'), String.raw`"C:\\x"`);
  assert.equal(canonicalJson('\u2028\u2029'), '"\u2028\u2029"');
  assert.deepEqual([...canonicalJsonBytes('\u2028')], [0x22, 0xe2, 0x80, 0xa8, 0x22]);
  assert.deepEqual([...canonicalJsonBytes('\x7f/')], [0x22, 0x7f, 0x2f, 0x22]);
  assert.equal(canonicalJson('é\u{1F600}'), '"é\u{1F600}"');
});

test('scalars, arrays and nesting have no whitespace; -0 is 0', () => {
  assert.equal(canonicalJson(null), 'null');
  assert.equal(canonicalJson([true, false, null, 0, -0, -7, Number.MAX_SAFE_INTEGER]), '[true,false,null,0,0,-7,9007199254740991]');
  assert.equal(canonicalJson({ b: [], a: {}, c: [{ z: 1, y: [2] }] }), '{"a":{},"b":[],"c":[{"y":[2],"z":1}]}');
  assert.equal(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 })), '{"a":2,"b":1}');
});

test('refuses floats, NaN, Infinity, unsafe integers and bigints', () => {
  for (const n of [1.5, -0.25, 1e-7, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e21]) {
    refuses(n, String(n));
    refuses([n], `[${n}]`);
    refuses({ a: n }, `{a:${n}}`);
  }
  refuses(10n, 'bigint');
  refuses({ a: [1n] }, 'nested bigint');
});

test('refuses undefined (top level, in arrays, holes, in objects), functions and symbols', () => {
  refuses(undefined, 'undefined');
  refuses([1, undefined], 'undefined in an array');
  // eslint-disable-next-line no-sparse-arrays
  refuses([1, , 2], 'a hole in a sparse array');
  refuses(new Array(2), 'an array of holes');
  refuses({ a: 1, b: undefined }, 'undefined in an object');
  refuses(() => 1, 'function');
  refuses({ f: function named() {} }, 'function in an object');
  refuses(Symbol('s'), 'symbol');
});

test('refuses lone surrogates, high and low, in values and in keys', () => {
  const lone = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83Db', 'a\uDE00b', 'x\uD83D', '\uDE00\uD83D'];
  for (const s of lone) {
    const label = JSON.stringify(s);
    refuses(s, `value ${label}`);
    refuses([s], `array item ${label}`);
    refuses({ [s]: 1 }, `key ${label}`);
    refuses({ ok: { [`k${s}`]: 'v' } }, `nested key ${label}`);
  }
  // A well-formed pair is fine, and is written raw.
  assert.equal(canonicalJson('\uD83D\uDE00'), '"\u{1F600}"');
});

test('refuses class instances and other non-plain objects, and cycles', () => {
  class Point {
    x = 1;
  }
  refuses(new Point(), 'class instance');
  refuses({ p: new Point() }, 'nested class instance');
  refuses(new Date(0), 'Date');
  refuses(new Map([['a', 1]]), 'Map');
  refuses(Buffer.from('x'), 'Buffer');
  refuses(new String('x'), 'boxed string');
  refuses(/x/, 'RegExp');
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  refuses(cycle, 'a cycle');
});

test('pretty JSON: sorted keys, two-space indent, [] and {} when empty, one trailing newline', () => {
  assert.equal(prettyJson([]), '[]\n');
  assert.equal(prettyJson({}), '{}\n');
  assert.equal(prettyJson('x'), '"x"\n');
  const value = { roots: [], b: { '10': [1, 'two'], '2': {} }, a: null };
  assert.equal(
    prettyJson(value),
    '{\n  "a": null,\n  "b": {\n    "10": [\n      1,\n      "two"\n    ],\n    "2": {}\n  },\n  "roots": []\n}\n',
  );
  assert.equal(prettyJson({ '\u{1F600}': '\n', '\uFF01': 1 }), '{\n  "\uFF01": 1,\n  "\u{1F600}": "\\n"\n}\n');
  assert.doesNotMatch(prettyJson(value), /\r| \n/);
});

// --- property tests --------------------------------------------------------------------------

type Parsed = null | boolean | number | string | Parsed[] | { entries: [string, Parsed][] };

/** A strict little parser that keeps object keys in the order the text has them. */
function parseOrdered(text: string): Parsed {
  let i = 0;
  const fail = (): never => assert.fail(`unexpected text at ${i}: ${text.slice(i, i + 20)}`);
  const stringAt = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-f]{4})*"/.exec(text.slice(i)) ?? fail();
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const valueAt = (): Parsed => {
    const c = text[i];
    if (c === '"') return stringAt();
    if (c === '[' || c === '{') {
      const close = c === '[' ? ']' : '}';
      const items: Parsed[] = [];
      const entries: [string, Parsed][] = [];
      i++;
      while (text[i] !== close) {
        if (items.length + entries.length > 0) (text[i++] === ',') || fail();
        if (c === '[') items.push(valueAt());
        else {
          const k = stringAt();
          (text[i++] === ':') || fail();
          entries.push([k, valueAt()]);
        }
      }
      i++;
      return c === '[' ? items : { entries };
    }
    const m = /^(?:null|true|false|-?(?:0|[1-9][0-9]*))/.exec(text.slice(i)) ?? fail();
    i += m[0].length;
    return JSON.parse(m[0]) as Parsed;
  };
  const v = valueAt();
  assert.equal(i, text.length, 'trailing text');
  return v;
}

function assertKeysInCodePointOrder(v: Parsed): void {
  if (Array.isArray(v)) v.forEach(assertKeysInCodePointOrder);
  else if (v !== null && typeof v === 'object') {
    for (let j = 1; j < v.entries.length; j++) {
      const [a, b] = [v.entries[j - 1]![0], v.entries[j]![0]];
      assert.ok(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0, `${JSON.stringify(a)} !< ${JSON.stringify(b)}`);
    }
    for (const [, child] of v.entries) assertKeysInCodePointOrder(child);
  }
}

test('property: encode → JSON.parse → encode is identical, valid UTF-8, keys in code-point order', () => {
  fc.assert(
    fc.property(jsonValue, (value) => {
      const text = canonicalJson(value);
      assert.equal(canonicalJson(JSON.parse(text)), text);
      assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(canonicalJsonBytes(value)), text);
      assert.equal(prettyJson(JSON.parse(prettyJson(value))), prettyJson(value));
      assert.equal(canonicalJson(JSON.parse(prettyJson(value))), text);
      assertKeysInCodePointOrder(parseOrdered(text));
    }),
    { numRuns: 400 },
  );
});

test('property: strings encode exactly as JSON.stringify does for well-formed strings', () => {
  fc.assert(
    fc.property(unicodeString(24), (s) => {
      assert.equal(encodeString(s), JSON.stringify(s));
    }),
    { numRuns: 1000 },
  );
});

const PYTHON_DUMPS = `
import json, sys
values = json.loads(sys.stdin.buffer.read().decode("utf-8"))
out = [json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for v in values]
sys.stdout.buffer.write("\\n".join(out).encode("utf-8"))
`;

test("random values encode byte for byte as Python's json.dumps(sort_keys, compact, ensure_ascii=False)", (t) => {
  const probe = spawnSync('python3', ['--version']);
  if (probe.error) {
    t.skip('python3 is not installed');
    return;
  }
  const seed = Date.now() | 0;
  const values = [...fc.sample(jsonValue, { numRuns: 600, seed }), JSON.parse(TASK_SPEC_BYTES), JSON.parse(STATUS_BYTES)];
  const run = spawnSync('python3', ['-c', PYTHON_DUMPS], { input: Buffer.from(JSON.stringify(values), 'utf8'), maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr.toString());
  const lines = run.stdout.toString('utf8').split('\n');
  assert.equal(lines.length, values.length);
  values.forEach((v, i) => {
    assert.deepEqual(canonicalJsonBytes(v), Buffer.from(lines[i]!, 'utf8'), `seed ${seed}, value ${i}: ${JSON.stringify(v)}`);
  });
});
