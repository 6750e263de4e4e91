import { describe, expect, it } from 'vitest';
import { serializePart10, toEditable } from '../../../../src/lib/dicom/edit';
import { parseDicomBytes, type ParsedDicom } from '../../../../src/lib/dicom/parse';
import { EnclaveError } from '../../../../src/lib/jobs';
import { corpusBytes, HAS_CORPUS } from '../parse/corpus';
import { rewrittenFiles } from './rewrite-files';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';

/**
 * Damaged input through the whole rewrite: seeded random byte changes in the header region of
 * synthetic and corpus files. Whatever the parser makes of them, toEditable + serializePart10
 * end in a file or an EnclaveError (InvalidInputError) — never a raw RangeError/TypeError — and
 * a file they write parses again without structural anomalies.
 */
const rng = mulberry32;

const STRUCTURAL_OK = new Set(['invalid-value-length', 'odd-length']);

function rewriteOrRefuse(bytes: Uint8Array): 'written' | 'refused' {
  let parsed: ParsedDicom;
  try {
    parsed = parseDicomBytes(bytes, { mode: 'full' });
  } catch (error) {
    expect(error).toBeInstanceOf(EnclaveError); // DicomParseError: not our concern here
    return 'refused';
  }
  let out: Uint8Array;
  try {
    out = serializePart10(toEditable(parsed));
  } catch (error) {
    expect((error as Error).name).toBe('InvalidInputError');
    return 'refused';
  }
  const again = parseDicomBytes(out, { mode: 'full' });
  expect(again.warnings.filter((w) => !STRUCTURAL_OK.has(w.code))).toEqual([]);
  return 'written';
}

describe('damaged files through toEditable + serializePart10', () => {
  const sources: [string, Uint8Array][] = rewrittenFiles()
    .filter((f) => f.name.startsWith('synthetic/') || ['MR_small_bigendian.dcm', 'MR_small_implicit.dcm', 'nested_priv_SQ.dcm', 'UN_sequence.dcm', 'JPEG-LL.dcm'].includes(f.name))
    .map((f) => [f.name, f.input]);
  if (!HAS_CORPUS) console.warn('[skip] corpus absent: only synthetic files are damaged');

  it.each(sources)('%s: 40 seeded mutations', (name, bytes) => {
    const random = rng(name.length * 7919 + bytes.length);
    const outcomes = { written: 0, refused: 0 };
    for (let i = 0; i < 40; i++) {
      const copy = bytes.slice();
      const at = 132 + Math.floor(random() * Math.min(copy.length - 132, 4096));
      for (let k = 0; k < 1 + Math.floor(random() * 6); k++) copy[Math.min(copy.length - 1, at + Math.floor(random() * 32))] = Math.floor(random() * 256);
      outcomes[rewriteOrRefuse(copy)]++;
    }
    expect(outcomes.written + outcomes.refused).toBe(40);
    expect(outcomes.written).toBeGreaterThan(0);
  });

  it.skipIf(!HAS_CORPUS)('a cut-off file is refused, not half written', () => {
    const bytes = corpusBytes('CT_small.dcm');
    expect(rewriteOrRefuse(bytes.subarray(0, bytes.length - 1000))).toBe('refused');
  });
});
