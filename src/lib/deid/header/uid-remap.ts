import { first128Bits, hmac } from './hmac';

/** UIDs of the standard itself (SOP classes, transfer syntaxes, coding schemes…) never identify anyone. */
export function isStandardUid(uid: string): boolean {
  return uid.startsWith('1.2.840.10008.');
}

/**
 * Deterministic UID remapping: 2.25.<decimal of the first 128 bits of HMAC(secret, uid)>, at most
 * 2 + 1 + 2 + 39 = 44 characters and never a leading zero (a decimal of a BigInt has none; a zero
 * value is written "0", a valid component). The same secret maps the same UID the same way in
 * every file, so references between instances survive. One HMAC per distinct UID per cache.
 */
export class UidRemapper {
  readonly #cache: Map<string, Promise<string>>;

  constructor(private readonly key: CryptoKey, cache: Map<string, Promise<string>> = new Map()) {
    this.#cache = cache;
  }

  /** The cache to hand to the next file of the same session. */
  get cache(): Map<string, Promise<string>> {
    return this.#cache;
  }

  remap(uid: string): Promise<string> {
    const original = uid.replace(/[\0 ]+$/, '').trim();
    if (original === '' || isStandardUid(original)) return Promise.resolve(original);
    let mapped = this.#cache.get(original);
    if (!mapped) {
      mapped = hmac(this.key, 'uid', original).then((digest) => `2.25.${first128Bits(digest).toString(10)}`);
      this.#cache.set(original, mapped);
    }
    return mapped;
  }
}
