import {
  datasetReader, isPrivateTag, keywordForTag, metaReader, parseDicomBytes, tagHex,
  type ByteWindow, type DicomNode, type ParsedDicom, type VisitedElement,
} from '../../dicom/parse';
import { isPhiBearingTag } from '../annex-e/phi-bearing';
import { leftoverResult, type LeftoverFinding, type LeftoverResult } from './findings';
import type { IdentifierKind, OriginalIdentifiers } from './identifiers';
import { buildNeedles, findNeedles, type Needle } from './needles';
import { matchPatterns, type PhiPattern, PHI_PATTERNS } from './patterns';
import { scanRawBytes } from './raw-scan';

export interface LeftoverScanOptions {
  /** Kinds the policy keeps on purpose (e.g. institution-name under Retain Institution Identity). */
  ignoreKinds?: readonly IdentifierKind[];
  patterns?: readonly PhiPattern[];
  /** Also search the raw bytes (default true). */
  rawBytes?: boolean;
}

/** Free-text VRs where the patterns apply; coded and fixed-form values (DA, UI, CS…) are not free text. */
const FREE_TEXT_VRS = new Set(['LO', 'LT', 'SH', 'ST', 'UT', 'UC']);
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
/** Binary blobs (OB/UN…) are decoded as bytes up to this size; larger ones are left to the raw scan. */
const MAX_BLOB_TEXT = 1 << 20;
const RAW_MIN_WORD = 3;
/** Pixel data (and its float variants): burned-in text is the pixel cleaner's job, and its bytes would match short names by chance. */
const PIXEL_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);

interface Located {
  visited: VisitedElement;
  window: 'file' | 'dataset';
}

function printable(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ' ';
  return s;
}

function elementText(v: VisitedElement): { text: string; freeText: boolean } | undefined {
  const { node, reader } = v;
  if (PIXEL_TAGS.has(node.tag) || node.items || node.fragments) return undefined;
  const vr = node.valueVr ?? node.vr;
  if (TEXT_VRS.has(vr)) return { text: reader.stringsOf(node).join('\\'), freeText: FREE_TEXT_VRS.has(vr) };
  if ((vr === 'OB' || vr === 'UN') && node.length <= MAX_BLOB_TEXT) {
    const bytes = reader.bytesOf(node);
    return bytes ? { text: printable(bytes), freeText: true } : undefined;
  }
  return undefined;
}

/**
 * A name or institution word in an attribute Table E.1-1 does not list (device, acquisition and
 * coded values: ManufacturerModelName "FAKE ECHO 3000", Manufacturer "TOSHIBA_MEC" when the
 * institution is "TOSHIBA", ImageType "NONE") is a warning: every profile keeps those
 * attributes, and a word there is far likelier a coincidence than a leak. Everywhere else
 * (listed attributes, private tags, raw bytes) and for IDs, UIDs and dates, a match is an error.
 */
function severityFor(needle: Needle, tag: number): 'error' | 'warning' {
  return needle.rule === 'word' && !isPhiBearingTag(tag) ? 'warning' : 'error';
}

function describe(node: DicomNode): Pick<LeftoverFinding, 'tag' | 'keyword' | 'vr'> {
  return { tag: tagHex(node.tag), keyword: isPrivateTag(node.tag) ? null : keywordForTag(node.tag) ?? null, vr: node.vr };
}

/**
 * Scans a de-identified file for the original identifiers and for PHI patterns: every element
 * at every depth (file meta, sequences, private tags) through its decoded text, then the raw
 * bytes. A raw hit inside an element that already has the same finding is not repeated.
 */
export function scanForLeftoverPhi(parsed: ParsedDicom, ids: OriginalIdentifiers, options: LeftoverScanOptions = {}): LeftoverResult {
  const needles = buildNeedles(ids, new Set(options.ignoreKinds ?? []));
  const patterns = options.patterns ?? PHI_PATTERNS;
  const findings: LeftoverFinding[] = [];
  const seen = new Set<string>();
  const elements: Located[] = [
    ...[...metaReader(parsed).iterate()].map((visited) => ({ visited, window: 'file' as const })),
    ...[...datasetReader(parsed).iterate()].map((visited) => ({ visited, window: 'dataset' as const })),
  ];
  for (const { visited } of elements) {
    const value = elementText(visited);
    if (!value) continue;
    const where = { source: 'element' as const, path: visited.path, ...describe(visited.node) };
    for (const needle of findNeedles(value.text.toUpperCase(), needles)) {
      // One finding per element and kind: "DOE" and "JOHN" in one note are one patient-name leak.
      const key = `${visited.path}|${needle.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ severity: severityFor(needle, visited.node.tag), kind: needle.kind, ...where });
    }
    if (!value.freeText) continue;
    for (const kind of matchPatterns(value.text, patterns)) findings.push({ severity: 'warning', kind, ...where });
  }
  // In raw bytes, 2-character words collide with VR codes ("OB", "UN") and binary: decoded values only.
  const rawNeedles = needles.filter((n) => n.rule !== 'word' || n.text.length >= RAW_MIN_WORD);
  if (options.rawBytes ?? true) findings.push(...rawFindings(parsed, elements, rawNeedles, seen));
  return leftoverResult(findings);
}

function rawFindings(parsed: ParsedDicom, elements: readonly Located[], needles: readonly Needle[], seen: Set<string>): LeftoverFinding[] {
  const windows: ['file' | 'dataset', ByteWindow][] = [['file', parsed.fileBytes]];
  if (parsed.datasetBytes !== parsed.fileBytes) windows.push(['dataset', parsed.datasetBytes]);
  const skip = parsed.pixelData ? [parsed.pixelData.valueOffset, parsed.pixelData.node.end] as const : undefined;
  const out: LeftoverFinding[] = [];
  for (const [name, window] of windows) {
    const inWindow = elements.filter((e) => e.window === name || (name === 'file' && parsed.datasetBytes === parsed.fileBytes));
    const pixelSkip = name === 'dataset' || parsed.datasetBytes === parsed.fileBytes ? skip : undefined;
    for (const segment of window.segments) {
      for (const [start, end] of ranges(segment.offset, segment.offset + segment.bytes.length, pixelSkip)) {
        const bytes = segment.bytes.subarray(start - segment.offset, end - segment.offset);
        for (const hit of scanRawBytes(bytes, start, needles)) {
          const holder = deepestAt(inWindow, hit.offset);
          const path = holder ? holder.path : parsed.hasPreamble && name === 'file' && hit.offset < 128 ? 'preamble' : 'outside-elements';
          const key = `${path}|${hit.needle.kind}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            severity: 'error', kind: hit.needle.kind, source: 'raw', path,
            ...(holder ? describe(holder.node) : { tag: null, keyword: null, vr: null }),
            encoding: hit.encoding, offset: hit.offset,
          });
        }
      }
    }
  }
  return out;
}

/** [start, end) minus the skipped range. */
function ranges(start: number, end: number, skip: readonly [number, number] | undefined): [number, number][] {
  if (!skip || skip[1] <= start || skip[0] >= end) return [[start, end]];
  const out: [number, number][] = [];
  if (skip[0] > start) out.push([start, skip[0]]);
  if (skip[1] < end) out.push([skip[1], end]);
  return out;
}

/** The innermost element whose bytes (tag to end) hold the offset. */
function deepestAt(elements: readonly Located[], offset: number): VisitedElement | undefined {
  let best: VisitedElement | undefined;
  for (const { visited } of elements) {
    if (offset >= visited.node.offset && offset < visited.node.end && (!best || visited.depth >= best.depth)) best = visited;
  }
  return best;
}

/** Parses de-identified bytes (full) and scans them. */
export function checkLeftoverPhi(bytes: Uint8Array, ids: OriginalIdentifiers, options: LeftoverScanOptions = {}): LeftoverResult {
  return scanForLeftoverPhi(parseDicomBytes(bytes, { mode: 'full' }), ids, options);
}
