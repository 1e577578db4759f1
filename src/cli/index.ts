export { main, VERSION } from './main.js';
export { run } from './run.js';
export type { CliIo, CliContext, OutStream } from './io.js';
