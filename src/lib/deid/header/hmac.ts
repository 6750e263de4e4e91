/**
 * Keyed HMAC-SHA-256 through WebCrypto (globalThis.crypto.subtle in browsers, workers and Node 20),
 * the one source of every derived value: UIDs, pseudonyms, date shifts. Without the secret none
 * of them can be recomputed from an original value.
 */
const encoder = new TextEncoder();

export type DeidSecret = CryptoKey | Uint8Array;

/** An HMAC key from raw secret bytes (or the key itself). Not extractable. */
export async function hmacKey(secret: DeidSecret): Promise<CryptoKey> {
  if (!(secret instanceof Uint8Array)) return secret;
  if (secret.length < 16) throw new RangeError('The de-identification secret must be at least 16 bytes.');
  return crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** HMAC-SHA-256 of a purpose-tagged message: the purpose keeps UIDs, names and shifts independent. */
export async function hmac(key: CryptoKey, purpose: string, message: string): Promise<Uint8Array> {
  const bytes = encoder.encode(`${purpose}\u0000${message}`);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes));
}

/** The first 16 bytes as an unsigned 128-bit integer. */
export function first128Bits(digest: Uint8Array): bigint {
  let value = 0n;
  for (let i = 0; i < 16; i++) value = (value << 8n) | BigInt(digest[i] ?? 0);
  return value;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding), first `length` characters. */
export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= length) break;
  }
  return out;
}
