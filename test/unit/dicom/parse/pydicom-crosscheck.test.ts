import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  datasetReader, effectiveVr, isPrivateTag, metaReader, parseDicomBytes, type VisitedElement,
} from '../../../../src/lib/dicom/parse';
import { CORPUS_DIR, corpusBytes, corpusFiles, HAS_CORPUS } from './corpus';

/**
 * Our element tree against pydicom's (test/tools/pydicom_dump.py, Debian's /usr/bin/python3):
 * every element at the same path with the same VR and value, for every corpus file. Documented
 * differences, and only these, are allowed:
 *  - private elements pydicom types from its private dictionary (we have none): ours stay UN;
 *  - the value that runs past the end of a truncated file: pydicom returns the bytes that are
 *    there, we return none (a partial value must not pass for the value).
 */
const PYTHON = '/usr/bin/python3';
const DUMP = resolve(process.cwd(), 'test/tools/pydicom_dump.py');
const HAS_PYDICOM = spawnSync(PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' }).status === 0;
if (!HAS_PYDICOM) console.warn(`[skip] ${PYTHON} cannot import pydicom: install python3-pydicom (apt-get) to run the pydicom cross-check`);

interface DumpElement { path: string; vr: string; value?: unknown[]; length?: number; md5?: string; items?: number }
type Dump = Record<string, { ok: true; elements: DumpElement[] } | { ok: false; error: string }>;

const TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
const NUMBER = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV', 'AT']);

/** Padding aside, an empty value is the same as no value (pydicom gives [''] or [] by VR). */
function normaliseText(values: readonly unknown[]): string[] {
  const out = values.map((v) => String(v).replace(/^[\s\0]+|[\s\0]+$/g, ''));
  return out.length === 1 && out[0] === '' ? [] : out;
}

function describeDifference(ours: VisitedElement | undefined, theirs: DumpElement, truncated: boolean): string | undefined {
  if (!ours) return `${theirs.path}: missing`;
  const vr = effectiveVr(ours.node);
  if (vr === 'UN' && theirs.vr !== 'UN' && isPrivateTag(ours.node.tag)) return undefined; // pydicom's private dictionary
  if (vr !== theirs.vr) return `${theirs.path}: VR ${vr}, pydicom ${theirs.vr}`;
  if (theirs.items !== undefined) {
    return ours.node.items?.length === theirs.items ? undefined : `${theirs.path}: ${ours.node.items?.length} items, pydicom ${theirs.items}`;
  }
  if (theirs.value !== undefined && TEXT.has(vr)) {
    const a = normaliseText(ours.reader.stringsOf(ours.node));
    const b = normaliseText(theirs.value);
    return JSON.stringify(a) === JSON.stringify(b) ? undefined : `${theirs.path}: ${JSON.stringify(a)}, pydicom ${JSON.stringify(b)}`;
  }
  if (theirs.value !== undefined && NUMBER.has(vr)) {
    const a = ours.reader.numbersOf(ours.node);
    return JSON.stringify(a) === JSON.stringify(theirs.value) ? undefined : `${theirs.path}: ${JSON.stringify(a)}, pydicom ${JSON.stringify(theirs.value)}`;
  }
  if (theirs.md5 !== undefined) {
    const bytes = ours.reader.bytesOf(ours.node);
    if (!bytes && truncated) return undefined; // the value cut off by the file's end
    const md5 = createHash('md5').update(bytes ?? new Uint8Array(0)).digest('hex');
    return md5 === theirs.md5 ? undefined : `${theirs.path}: ${bytes?.length} bytes, pydicom ${theirs.length} (md5 differs)`;
  }
  return undefined;
}

describe.skipIf(!HAS_CORPUS || !HAS_PYDICOM)('cross-check with pydicom', () => {
  const files = corpusFiles();
  const run = HAS_CORPUS && HAS_PYDICOM
    ? spawnSync(PYTHON, [DUMP, ...files], { cwd: CORPUS_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : undefined;
  const dump = (run?.status === 0 ? JSON.parse(run.stdout) : {}) as Dump;

  it('pydicom reads every corpus file', () => {
    expect(run?.status, run?.stderr).toBe(0);
    expect(Object.values(dump).filter((f) => !f.ok)).toEqual([]);
  });

  it.each(files)('%s: same elements, VRs and values as pydicom', (name) => {
    const entry = dump[name];
    if (!entry?.ok) throw new Error(`no pydicom dump for ${name}`);
    const parsed = parseDicomBytes(corpusBytes(name));
    const ours = new Map<string, VisitedElement>();
    for (const reader of [metaReader(parsed), datasetReader(parsed)]) for (const v of reader.iterate()) ours.set(v.path, v);
    const theirs = new Set(entry.elements.map((e) => e.path));
    const differences = entry.elements
      .map((e) => describeDifference(ours.get(e.path), e, parsed.truncated))
      .filter((d): d is string => d !== undefined);
    const extra = [...ours.keys()].filter((path) => !theirs.has(path)).map((path) => `${path}: not in pydicom`);
    expect([...differences, ...extra]).toEqual([]);
    expect(ours.size).toBe(entry.elements.length);
  });

  it('the only private elements typed differently are nine of chrJapMulti.dcm\'s (0019,10xx)', () => {
    const typedByPydicom: string[] = [];
    for (const name of files) {
      const entry = dump[name];
      if (!entry?.ok) continue;
      const parsed = parseDicomBytes(corpusBytes(name));
      const ours = new Map([...metaReader(parsed).iterate(), ...datasetReader(parsed).iterate()].map((v) => [v.path, v]));
      for (const e of entry.elements) {
        const o = ours.get(e.path);
        if (o && effectiveVr(o.node) === 'UN' && e.vr !== 'UN') typedByPydicom.push(`${name} ${e.path} ${e.vr}`);
      }
    }
    expect(typedByPydicom).toEqual([
      'chrJapMulti.dcm 00191010 SH', 'chrJapMulti.dcm 00191013 LO', 'chrJapMulti.dcm 00191015 LO',
      'chrJapMulti.dcm 00191060 US', 'chrJapMulti.dcm 00191062 SH', 'chrJapMulti.dcm 00191065 US',
      'chrJapMulti.dcm 00191070 US', 'chrJapMulti.dcm 00191082 US', 'chrJapMulti.dcm 00191093 CS',
    ]);
  });
});
