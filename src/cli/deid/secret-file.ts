import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { generateProjectSecret, PROJECT_SECRET_BYTES } from '../../lib/deid/crypto';

/**
 * The project secret for the CLI: read from --secret-file (32+ random bytes, as binary or as
 * hex/base64 text), or generated and saved beside the output (never inside it, so sharing the
 * output never shares the secret) with a warning: without the same secret, a re-run maps
 * patients, UIDs and dates differently.
 */
export function decodeSecret(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes).trim();
  let secret: Uint8Array;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) secret = new Uint8Array(Buffer.from(text, 'hex'));
  else if (text.length >= 44 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) secret = new Uint8Array(Buffer.from(text, 'base64'));
  else secret = bytes;
  if (secret.length < PROJECT_SECRET_BYTES) {
    throw new Error(`the secret file holds ${secret.length} bytes; it needs at least ${PROJECT_SECRET_BYTES} random bytes`);
  }
  return secret;
}

export function generatedSecretPath(output: string): string {
  return `${output.replace(/[\\/]+$/, '')}.enclave-secret.hex`;
}

export async function loadOrCreateSecret(
  secretFile: string | undefined, output: string, warn: (line: string) => void,
): Promise<Uint8Array> {
  if (secretFile !== undefined) return decodeSecret(new Uint8Array(await readFile(secretFile)));
  const path = generatedSecretPath(output);
  if (existsSync(path)) {
    warn(`enclave deid: no --secret-file; reusing the secret generated earlier at ${path}`);
    return decodeSecret(new Uint8Array(await readFile(path)));
  }
  const secret = generateProjectSecret();
  await writeFile(path, `${Buffer.from(secret).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `enclave deid: WARNING no --secret-file given: generated a new project secret and saved it to ${path}\n`
    + '  Keep it private and pass it with --secret-file on later runs: without it, the same patients get other\n'
    + '  pseudonyms, UIDs and date shifts. Do not share it with the de-identified data.',
  );
  return secret;
}
