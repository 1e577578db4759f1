#!/usr/bin/env node
// Thin launcher: the only place that calls process.exit.
import { run } from '../dist/cli/run.js';

process.exitCode = await run(process.argv.slice(2));
