import { lib } from './lib.js';
import type { CliIo } from './io.js';

export function printLine(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(lib().prettyJson(value));
}
