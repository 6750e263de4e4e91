/**
 * Base64 over btoa/atob, which Node 20, browsers and workers all have (Buffer is Node-only).
 * Chunked so a large map does not overflow String.fromCharCode's argument list.
 */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Throws a TypeError on text that is not base64 (the caller turns it into its own error). */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A view of any stored byte field (IndexedDB may hand back an ArrayBuffer or a Uint8Array). */
export function asBytes(value: ArrayBuffer | Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}
