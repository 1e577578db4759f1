import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRef, isPayloadRef, parseRecordRef, parseRef } from '../../src/artifacts/index.js';
import { InvalidReferenceError } from '../../src/util/index.js';

const HEX = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
const REF = `sha256:${HEX}`;

const BAD_PAYLOAD_REFS: unknown[] = [
  `sha256:${HEX.toUpperCase()}`,
  `sha256:${HEX.slice(0, 10)}A${HEX.slice(11)}`,
  `sha256:${HEX.slice(1)}`,
  `sha256:${HEX}0`,
  `SHA256:${HEX}`,
  `Sha256:${HEX}`,
  `sha-256:${HEX}`,
  `sha256::${HEX}`,
  `sha256 :${HEX}`,
  `sha256: ${HEX}`,
  `sha512:${HEX}`,
  ` ${REF}`,
  `${REF} `,
  `${REF}\n`,
  `\t${REF}`,
  `sha256:${HEX.slice(0, 63)}g`,
  HEX,
  'sha256:',
  '',
  undefined,
  null,
  42,
  { ref: REF },
];

test('a payload ref is exactly sha256: + 64 lowercase hex', () => {
  assert.equal(isPayloadRef(REF), true);
  assert.equal(parseRef(REF), HEX);
  assert.equal(formatRef(HEX), REF);
  assert.equal(parseRef(formatRef(HEX)), HEX);
});

test('every other string (case, length, prefix variants, whitespace) fails closed with INVALID_REFERENCE', () => {
  for (const bad of BAD_PAYLOAD_REFS) {
    const label = JSON.stringify(bad) ?? String(bad);
    assert.equal(isPayloadRef(bad), false, label);
    assert.throws(
      () => parseRef(bad),
      (err: unknown) => err instanceof InvalidReferenceError && err.code === 'INVALID_REFERENCE' && err.exitCode === 2,
      label,
    );
  }
});

test('a record ref is the bare hash; a prefixed or malformed one is refused', () => {
  assert.equal(parseRecordRef(HEX), HEX);
  for (const bad of [REF, HEX.toUpperCase(), HEX.slice(1), ` ${HEX}`, `${HEX}\n`, '', null]) {
    assert.throws(() => parseRecordRef(bad), { code: 'INVALID_REFERENCE' }, String(bad));
  }
  for (const bad of [REF, HEX.toUpperCase(), '', 'abc']) {
    assert.throws(() => formatRef(bad), { code: 'INVALID_REFERENCE' }, bad);
  }
});
