import { describe, expect, it } from 'vitest';
import { EnclaveError } from '../../../../src/lib/jobs';
import {
  bytesSource, datasetReader, encodedFrames, parseDicom, parseDicomBytes, type ByteSource, type ParsedDicom,
} from '../../../../src/lib/dicom/parse';
import { iterateSampleFiles, planSampleSet } from '../../../../src/lib/synthetic';
import { concat, el, encapsulated, imageHeader, item, part10, SEQUENCE_DELIMITER, text } from './build';
import { corpusBytes, corpusFiles } from './corpus';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';

/**
 * Adversarial input: every corpus and synthetic file, cut at many places and with seeded random
 * byte flips, insertions and deletions. Each case must end — within 250 ms — in a parsed data
 * set (whose every value can then be read) or a DicomParseError; never a hang, never a raw
 * RangeError or TypeError. Deterministic: the same seed gives the same cases.
 */
const CUTS_PER_FILE = 24;
const MUTATIONS_PER_FILE = 16;
const CASE_BUDGET_MS = 250;
/** Besides evenly spaced cuts, a cut every 128 bytes of the first 4 KiB (the header). */
const HEADER_CUTS_UNTIL = 4096;

const rng = mulberry32;

/** Most mutations land in the first 8 KiB, where the header (and so the structure) is. */
function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const kind = Math.floor(random() * 3);
  const at = Math.floor(random() * (random() < 0.75 ? Math.min(bytes.length, 8192) : bytes.length));
  const n = 1 + Math.floor(random() * 8);
  if (kind === 0) {
    const out = bytes.slice();
    for (let i = 0; i < n; i++) out[Math.min(out.length - 1, at + Math.floor(random() * 64))] = Math.floor(random() * 256);
    return out;
  }
  if (kind === 1) return concat(bytes.subarray(0, at), Uint8Array.from({ length: n }, () => Math.floor(random() * 256)), bytes.subarray(at));
  return concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + n)));
}

/** A ByteSource that is not a Uint8Array, so the header scan's read-more loop runs. */
function chunkySource(bytes: Uint8Array): ByteSource {
  const inner = bytesSource(bytes);
  return { size: bytes.length, read: (o, l) => inner.read(o, l) };
}

/** Reads everything a caller could read; any exception but DicomParseError fails the test. */
async function exercise(parsed: ParsedDicom, bytes: Uint8Array): Promise<void> {
  for (const { node, reader } of datasetReader(parsed).iterate()) {
    reader.stringsOf(node);
    reader.numbersOf(node);
  }
  if (!parsed.pixelData) return;
  try {
    const frames = encodedFrames(parsed, bytesSource(bytes));
    await frames.frame(0);
    if (frames.frameCount > 1) await frames.frame(frames.frameCount - 1);
  } catch (e) {
    expectParseError(e);
  }
}

function expectParseError(e: unknown): void {
  if (!(e instanceof EnclaveError) || e.name !== 'DicomParseError') throw e;
  expect(e.message.length).toBeGreaterThan(10);
}

/**
 * One case within the time budget. Wall time on a shared 2-core machine jitters (GC, other test
 * files), so a slow case is run once more: only a case slow twice fails.
 */
async function runCase(bytes: Uint8Array): Promise<'parsed' | 'refused'> {
  const first = await timedCase(bytes);
  if (first.ms <= CASE_BUDGET_MS) return first.outcome;
  const second = await timedCase(bytes);
  if (second.ms > CASE_BUDGET_MS) throw new Error(`case took ${first.ms.toFixed(0)} ms, then ${second.ms.toFixed(0)} ms`);
  return second.outcome;
}

async function timedCase(bytes: Uint8Array): Promise<{ outcome: 'parsed' | 'refused'; ms: number }> {
  const started = performance.now();
  let outcome: 'parsed' | 'refused' = 'parsed';
  try {
    await exercise(parseDicomBytes(bytes), bytes);
  } catch (e) {
    expectParseError(e);
    outcome = 'refused';
  }
  try {
    await exercise(await parseDicom(chunkySource(bytes), { mode: 'header', initialChunk: 512 }), bytes);
  } catch (e) {
    expectParseError(e);
  }
  return { outcome, ms: performance.now() - started };
}

function syntheticInputs(): [string, Uint8Array][] {
  const plan = planSampleSet({ patients: 1, echoStudies: 1 });
  const picked = [...iterateSampleFiles({ ...plan, files: [plan.files[0]!, plan.files[1]!] })];
  const nested = (depth: number): Uint8Array => depth === 0
    ? el(0x00100010, 'PN', text('DEEP^NAME'))
    : el(0x00081115, 'SQ', concat(item(nested(depth - 1), true), SEQUENCE_DELIMITER), 0xffffffff);
  return [
    ...picked.map((f): [string, Uint8Array] => [f.path, f.bytes]),
    ['hand-built encapsulated', part10(concat(imageHeader(2, 2, 3), encapsulated([0, 12, 24], [new Uint8Array(4), new Uint8Array(4), new Uint8Array(4)])), '1.2.840.10008.1.2.4.50')],
    ['hand-built nested 40 deep', part10(nested(40))],
  ];
}

describe('fuzz: truncations and seeded mutations', () => {
  const inputs: [string, Uint8Array][] = [...corpusFiles().map((n): [string, Uint8Array] => [n, corpusBytes(n)]), ...syntheticInputs()];

  it.each(inputs)('%s', async (name, bytes) => {
    const random = rng([...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
    const outcomes = { parsed: 0, refused: 0 };
    const step = Math.max(1, Math.floor(bytes.length / CUTS_PER_FILE));
    for (let cut = 0; cut < bytes.length; cut += step) outcomes[await runCase(bytes.subarray(0, cut))]++;
    for (let cut = 37; cut < Math.min(bytes.length, HEADER_CUTS_UNTIL); cut += 128) outcomes[await runCase(bytes.subarray(0, cut))]++;
    for (let i = 0; i < MUTATIONS_PER_FILE; i++) outcomes[await runCase(mutate(bytes, random))]++;
    // The cut at 0 bytes must be refused; most cases of a real file still parse.
    expect(outcomes.refused).toBeGreaterThanOrEqual(1);
    expect(outcomes.parsed + outcomes.refused).toBeGreaterThanOrEqual(CUTS_PER_FILE);
  });

  it('a sequence nested 40 deep is cut at the depth limit with a warning, not a stack overflow', () => {
    const parsed = parseDicomBytes(syntheticInputs().find(([n]) => n.includes('nested'))![1]);
    expect(parsed.warnings.map((w) => w.code)).toContain('depth-limit');
  });
});
