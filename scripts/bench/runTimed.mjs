// Run one process under GNU `/usr/bin/time -v` and return its wall time, CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './benchError.mjs';

export const TIME_BIN = '/usr/bin/time';
const STDERR_KEEP = 64 * 1024;
let sequence = 0;

export function assertTimeAvailable() {
  if (!existsSync(TIME_BIN)) {
    throw new BenchError(`${TIME_BIN} not found: the benchmark needs GNU time (Debian/Ubuntu: apt-get install time)`);
  }
}

/** "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.16" → milliseconds. */
function parseClock(text) {
  return Math.round(text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) * 1000);
}

/** The fields we use from `time -v`'s report. */
export function parseTimeReport(report) {
  const field = (label) => {
    const line = report.split('\n').find((l) => l.trimStart().startsWith(label));
    if (line === undefined) throw new BenchError(`time -v report lacks '${label}'`, { detail: report });
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  return {
    wallMs: parseClock(field('Elapsed (wall clock) time')),
    userMs: Math.round(Number(field('User time (seconds)')) * 1000),
    sysMs: Math.round(Number(field('System time (seconds)')) * 1000),
    maxRssKb: Number(field('Maximum resident set size (kbytes)')),
    exitStatus: Number(field('Exit status')),
  };
}

function tail(chunks) {
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > STDERR_KEEP ? `…${text.slice(-STDERR_KEEP)}` : text;
}

/**
 * @param {ReturnType<import('./createSession.mjs').createSession>} session
 * @param {{ label: string, file: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv, captureStdout?: boolean }} spec
 * @returns {Promise<{ wallMs: number, userMs: number, sysMs: number, maxRssKb: number, stdout?: string }>}
 *   stdout only with captureStdout
 */
export function runTimed(session, spec) {
  const reportFile = join(session.root, `time-${process.pid}-${++sequence}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(TIME_BIN, ['-v', '-o', reportFile, spec.file, ...spec.args], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', spec.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    session.track(child);
    const out = [];
    const err = [];
    let errBytes = 0;
    child.stdout?.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => {
      err.push(chunk);
      errBytes += chunk.length;
      while (errBytes > 2 * STDERR_KEEP && err.length > 1) errBytes -= err.shift().length;
    });
    child.on('error', (cause) => {
      session.untrack(child);
      reject(new BenchError(`${spec.label}: could not start ${TIME_BIN}: ${cause.message}`));
    });
    child.on('close', (code, signal) => {
      session.untrack(child);
      let report = '';
      try {
        report = readFileSync(reportFile, 'utf8');
      } catch {
        // no report: the failure below says why
      }
      rmSync(reportFile, { force: true });
      const stderr = tail(err);
      if (code !== 0 || signal !== null) {
        const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
        reject(new BenchError(`${spec.label} failed (${how}): ${spec.file} ${spec.args.join(' ')}`, { detail: stderr }));
        return;
      }
      try {
        const { exitStatus: _zero, ...facts } = parseTimeReport(report);
        resolve(spec.captureStdout ? { ...facts, stdout: Buffer.concat(out).toString('utf8') } : facts);
      } catch (cause) {
        reject(cause);
      }
    });
  });
}
