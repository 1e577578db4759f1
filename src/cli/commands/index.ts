import type { Command } from 'commander';
import type { CliContext } from '../io.js';
import { registerCas } from './cas.js';
import { registerPack } from './pack.js';
import { registerConsume } from './consume.js';
import { registerRuns } from './runs.js';
import { registerVerify } from './verify.js';
import { registerRoots } from './roots.js';
import { registerGc } from './gc.js';
import { registerAudit } from './audit.js';
import { registerPull, registerPush } from './remote.js';
import { registerMcp } from './mcp.js';
import { registerWhy } from './why.js';
import { registerInit } from './init.js';

/** Every subcommand, in the order `--help` lists them. One line per command. */
export const COMMANDS: ReadonlyArray<(program: Command, ctx: CliContext) => void> = [
  registerPack,
  registerWhy,
  registerInit,
  registerCas,
  registerVerify,
  registerConsume,
  registerRuns,
  registerRoots,
  registerGc,
  registerAudit,
  registerPush,
  registerPull,
  registerMcp,
];
