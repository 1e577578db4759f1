/**
 * The tree the crash tests pack: small text files in nested folders plus text files above 4 MiB
 * (read through the streamed path), one binary file (omitted). Each `variant` is a pure function
 * of its number: a tenth of the small files and the head of every big file change from one
 * variant to the next, so every run writes new objects (small and streamed) and reuses the rest.
 */
import { rm } from 'node:fs/promises';
import { writeFiles } from './kit.js';

export interface CrashTreeShape {
  files: number;
  big: number;
}

/** Above putFile's and the pack reader's 4 MiB threshold. */
const BIG_BYTES = (4 << 20) + 300_000;

export function crashTreeFiles(shape: CrashTreeShape, variant: number): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < shape.files; i++) {
    const rev = Math.floor((variant + 10 - (i % 10)) / 10);
    const lines = (i * 37) % 700;
    files[`d${i % 7}/s${i % 3}/f${i}.md`] = `# file ${i} rev ${rev}\n${'a line of packed text\n'.repeat(lines)}`;
  }
  for (let j = 0; j < shape.big; j++) {
    const line = `big file ${j} variant ${variant} ${'y'.repeat(80)}\n`;
    files[`big/b${j}.txt`] = Buffer.from(line.repeat(Math.ceil(BIG_BYTES / line.length)));
  }
  files['bin/blob.dat'] = Buffer.from([0, 1, 2, 3, 0, 255]);
  return files;
}

/** Write variant `variant` of the tree at `root` (replacing what was there). */
export async function writeCrashTree(root: string, shape: CrashTreeShape, variant: number): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await writeFiles(root, crashTreeFiles(shape, variant));
}

/** The pack command line every crash run uses: all modes, both archives, limits raised for the big files. */
export function packArgs(root: string, out: string, store: { casRoot: string; runsDir: string }): string[] {
  return [
    'pack', root, '--out-dir', out, '--zip', '--quiet',
    '--cas-root', store.casRoot, '--runs-dir', store.runsDir,
    '--max-entry-bytes', String(8 << 20), '--max-total-bytes', String(200 << 20),
  ];
}
