import { hash128 } from './random';

/**
 * A deterministic UID under the 2.25 root (PS3.5 B.2: "2.25." + a 128-bit integer in decimal).
 * The integer is a hash of the seed and the object's path, so the same sample set always has
 * the same UIDs, and different objects (or seeds) practically never collide. At most 44
 * characters, digits and dots only, no leading zeros.
 */
export function syntheticUid(seed: number, ...path: Array<string | number>): string {
  const words = hash128(`enclave-synthetic-uid|${seed}|${path.join('/')}`);
  let value = 0n;
  for (const word of words) value = (value << 32n) | BigInt(word);
  if (value === 0n) value = 1n;
  return `2.25.${value.toString(10)}`;
}
