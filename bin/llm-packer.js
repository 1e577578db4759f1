#!/usr/bin/env node
// Thin launcher: the only place that calls process.exit. It loads the bundled CLI (built by
// scripts/bundleCli.mjs with npm run build), which loads the library only when a command runs.
import { run } from '../dist/cli-bundle/llm-packer.js';

process.exitCode = await run(process.argv.slice(2));
