/**
 * `--remote s3://BUCKET/PREFIX`: the flag, the config key, and the AWS environment the way AWS
 * tools read it (credentials and profile through the SDK's chain; region; an endpoint URL for
 * S3-compatible servers, which turns on path-style addressing).
 */
import type { Command } from 'commander';
import type { RemoteStore } from '../index.js';
import { lib } from './lib.js';
import type { CliIo } from './io.js';
import { configFrom, type StoreFlags } from './options.js';

export interface RemoteFlags {
  remote?: string;
}

export function addRemoteOption(cmd: Command): Command {
  return cmd.option(
    '--remote <url>',
    'a team store on S3-compatible storage, s3://BUCKET/PREFIX (also the config key "remote"; credentials, region and endpoint from the AWS_* variables)',
  );
}

/** The remote URL from the flag, else from the config file the command runs with; undefined: local only. */
export async function remoteUrlFor(flags: RemoteFlags & StoreFlags, io: CliIo, root: string): Promise<string | undefined> {
  if (flags.remote !== undefined) return flags.remote;
  return (await configFrom(flags, io, root))?.remote;
}

export function openRemoteFor(url: string, io: CliIo): Promise<RemoteStore> {
  const env = io.env ?? {};
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  return lib().openRemote({ url, ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
}

/** Open the remote, run `fn`, close the connection whatever happens. */
export async function withRemote<T>(url: string, io: CliIo, fn: (remote: RemoteStore) => Promise<T>): Promise<T> {
  const remote = await openRemoteFor(url, io);
  try {
    return await fn(remote);
  } finally {
    remote.close();
  }
}
