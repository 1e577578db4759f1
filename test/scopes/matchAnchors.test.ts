import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchAnchors } from '../../src/scopes/index.js';

test('matchAnchors: paths and globs, in anchor order, missing ones named', () => {
  const paths = ['AGENTS.md', 'README.md', 'README.de.md', 'docs/README.md', 'src/[id].ts', 'src/a.ts'];
  assert.deepEqual(matchAnchors(['{README,Readme,readme}*', 'AGENTS.md', 'CONTRIBUTING.md', 'src/[id].ts'], paths), {
    found: ['README.de.md', 'README.md', 'AGENTS.md', 'src/[id].ts'],
    missing: ['CONTRIBUTING.md'],
  });
  assert.deepEqual(matchAnchors(['README.md', 'README*'], paths), { found: ['README.md', 'README.de.md'], missing: [] });
  assert.deepEqual(matchAnchors([], paths), { found: [], missing: [] });
});
