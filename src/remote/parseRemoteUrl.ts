import { PackerError } from '../util/index.js';
import type { RemoteLocation } from './types.js';

// S3's own bucket naming rule (lowercase letters, digits, dots and hyphens, 3-63 characters).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The only owner of the remote URL syntax: `s3://BUCKET` or `s3://BUCKET/PREFIX`. */
export function parseRemoteUrl(url: string): RemoteLocation {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  const bad = (why: string) =>
    new PackerError('USAGE', ` --remote ${JSON.stringify(url)}: ${why}`, { hint: 'write it as s3://BUCKET/PREFIX' });
  if (!m) throw bad('not an s3:// URL');
  const bucket = m[1]!;
  if (!BUCKET.test(bucket)) throw bad(`${JSON.stringify(bucket)} is not a valid bucket name`);
  const parts = (m[2] ?? '').split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) throw bad('the prefix may not hold . or .. segments');
  const prefix = parts.length === 0 ? '' : `${parts.join('/')}/`;
  return { url: `s3://${bucket}${prefix === '' ? '' : `/${prefix.slice(0, -1)}`}`, bucket, prefix };
}
