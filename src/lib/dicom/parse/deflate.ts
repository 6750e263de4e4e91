import { Inflate, inflateSync, unzlibSync } from 'fflate';
import { concatBytes } from '../../util/concat-bytes';

/**
 * Inflates the data set of a Deflated Explicit VR Little Endian file (PS3.5 A.5: raw deflate,
 * RFC 1951, no zlib header). Some writers add a zlib header anyway; we accept that too. A
 * damaged or cut stream gives what could be inflated, flagged `complete: false`.
 */
export function inflateDataset(compressed: Uint8Array): { bytes: Uint8Array; complete: boolean } {
  const zlibWrapped = compressed.length >= 2
    && (compressed[0]! & 0x0f) === 8
    && (((compressed[0]! << 8) | compressed[1]!) % 31) === 0;
  try {
    return { bytes: zlibWrapped ? unzlibSync(compressed) : inflateSync(compressed), complete: true };
  } catch {
    return { bytes: inflatePartially(zlibWrapped ? compressed.subarray(2) : compressed), complete: false };
  }
}

function inflatePartially(compressed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => chunks.push(chunk));
  try {
    inflater.push(compressed, false);
  } catch {
    // keep what came out before the damage
  }
  return concatBytes(chunks);
}
