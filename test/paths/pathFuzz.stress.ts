// The path-rule fuzz with many runs (the quick share is pathFuzz.test.ts).
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { fuzzPaths } from './pathFuzz.js';

test('fuzz (stress): consume rebuilds exactly or refuses; pack never PASSes what consume refuses', async (t) => {
  const counts = await fuzzPaths(await tempDir(t), { consume: 600, pack: 150 });
  t.diagnostic(JSON.stringify(counts));
});
