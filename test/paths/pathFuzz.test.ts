// The path-rule fuzz, a small share for npm test (the stress set runs many more: pathFuzz.stress.ts).
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { fuzzPaths } from './pathFuzz.js';

test('fuzz: consume rebuilds exactly or refuses with exit 2 writing nothing; pack never PASSes what consume refuses', async (t) => {
  const counts = await fuzzPaths(await tempDir(t), { consume: 40, pack: 10 });
  t.diagnostic(JSON.stringify(counts));
});
