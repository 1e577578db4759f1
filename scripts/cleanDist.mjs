#!/usr/bin/env node
// `npm run build` starts from an empty dist/, so a module that was renamed or removed never
// lingers there and ends up in the published package.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
