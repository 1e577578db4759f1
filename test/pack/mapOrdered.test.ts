import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { mapOrdered } from '../../src/pack/index.js';

test('results come in input order while at most `limit` calls are unconsumed', async () => {
  const items = Array.from({ length: 40 }, (_, i) => i);
  let running = 0;
  let peak = 0;
  const out: number[] = [];
  for await (const v of mapOrdered(items, 4, async (i) => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep((i * 7) % 5);
    running -= 1;
    return i * 2;
  })) {
    out.push(v);
    await sleep(1);
  }
  assert.deepEqual(out, items.map((i) => i * 2));
  assert.ok(peak <= 4, `peak ${peak}`);
  assert.ok(peak >= 2, 'calls overlapped');
});

test('a failure surfaces only after every started call settled', async () => {
  let started = 0;
  let settled = 0;
  const iter = mapOrdered(Array.from({ length: 20 }, (_, i) => i), 5, async (i) => {
    started += 1;
    try {
      await sleep(i === 1 ? 1 : 15);
      if (i === 1) throw new Error('boom');
      return i;
    } finally {
      settled += 1;
    }
  });
  await assert.rejects(
    (async () => {
      for await (const _ of iter) void _;
    })(),
    /boom/,
  );
  assert.equal(settled, started);
  assert.ok(started < 20, 'no new calls after the failure was seen');
});

test('a consumer that stops early leaves nothing running', async () => {
  let started = 0;
  let settled = 0;
  for await (const v of mapOrdered(Array.from({ length: 50 }, (_, i) => i), 6, async (i) => {
    started += 1;
    await sleep(3);
    settled += 1;
    return i;
  })) {
    if (v === 2) break;
  }
  assert.equal(settled, started);
  assert.ok(started <= 9);
});
