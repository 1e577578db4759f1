import { PackerError } from '../util/index.js';
import type { RemoteLocation } from './types.js';

interface ServiceError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const AUTH = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'CredentialsProviderError', 'ExpiredToken', 'InvalidToken']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);

function statusOf(err: unknown): number | undefined {
  return (err as ServiceError | undefined)?.$metadata?.httpStatusCode;
}

/** True for a write whose condition (If-Match / If-None-Match) did not hold. */
export function isPreconditionFailed(err: unknown): boolean {
  const status = statusOf(err);
  const name = (err as ServiceError | undefined)?.name;
  return status === 412 || status === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}

export function isNotFound(err: unknown): boolean {
  const name = (err as ServiceError | undefined)?.name;
  return name === 'NotFound' || name === 'NoSuchKey' || (statusOf(err) === 404 && name !== 'NoSuchBucket');
}

/** One line a user can act on, with a stable code, for any failure of the S3 service or the network. */
export function remoteError(err: unknown, location: RemoteLocation, what: string): PackerError {
  if (err instanceof PackerError) return err;
  const e = (err ?? {}) as ServiceError;
  const name = e.name ?? e.code ?? 'Error';
  const status = statusOf(err);
  const reason = `${name}${status ? ` (HTTP ${status})` : ''}`;
  if (AUTH.has(name) || status === 403 || /credential/i.test(e.message ?? '')) {
    return new PackerError('REMOTE_AUTH', ` ${location.url}: the service refused our credentials while ${what}: ${reason}`, {
      hint: 'check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE',
      cause: err,
    });
  }
  if (name === 'NoSuchBucket' || (status === 404 && /bucket/i.test(e.message ?? ''))) {
    return new PackerError('REMOTE_NO_BUCKET', ` ${location.url}: bucket ${location.bucket} does not exist`, {
      hint: 'create it first (for example `aws s3 mb s3://' + location.bucket + '`)',
      cause: err,
    });
  }
  const code = (err as { code?: string } | undefined)?.code;
  if (NETWORK.has(name) || (code !== undefined && NETWORK.has(code)) || status === undefined) {
    return new PackerError('REMOTE_UNREACHABLE', ` ${location.url}: no answer while ${what}: ${code ?? name}: ${(e.message ?? '').split('\n')[0]}`, {
      hint: 'check the endpoint (AWS_ENDPOINT_URL) and the network; a rerun continues where this one stopped',
      cause: err,
    });
  }
  return new PackerError('REMOTE_ERROR', ` ${location.url}: ${what} failed: ${reason}: ${(e.message ?? '').split('\n')[0]}`, {
    hint: 'a rerun continues where this one stopped',
    cause: err,
  });
}
