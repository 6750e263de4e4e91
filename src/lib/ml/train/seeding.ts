/**
 * Seeded randomness of a run. The augmentation generator of each batch is derived from
 * (seed, epoch, batch) rather than drawn from one running stream, so a run resumed mid-epoch
 * draws exactly what an uninterrupted run would have, with nothing to save but the seed.
 */
import { mulberry32 } from '../../util/mulberry32';

/** A 32-bit mix of the parts (murmur3's finaliser after each), so nearby inputs give unrelated seeds. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function batchRandom(seed: number, epoch: number, batch: number): () => number {
  return mulberry32(mixSeed(seed, epoch, batch));
}

/**
 * A permutation of 0…count−1 for one epoch (Fisher–Yates), for callers that shuffle their items
 * before cutting batches: the same (seed, epoch) always gives the same order.
 */
export function shuffledOrder(count: number, seed: number, epoch: number): number[] {
  const random = mulberry32(mixSeed(seed, epoch, 0x5f3759df));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
