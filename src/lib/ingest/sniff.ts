import type { ByteSource } from './byte-source';
import { ALL_VRS, DICOMDIR_SOP_CLASS_UID, readFileMeta, statedMetaLength, type FileMetaSummary } from './file-meta';
import type { SkipCode } from './skipped';

/**
 * What a file is, from its first bytes rather than its name: media exported from PACS have
 * names like "IM0001" or none at all, and a ".dcm" may be anything.
 */
export type VideoContainer = 'mp4' | 'mov' | 'webm' | 'mkv';

export type Sniffed =
  | { kind: 'dicom'; preamble: boolean; meta?: FileMetaSummary }
  | { kind: 'dicomdir'; meta: FileMetaSummary }
  | { kind: 'zip' }
  | { kind: 'gzip' }
  | { kind: 'nifti'; version: 1 | 2 }
  | { kind: 'png' }
  | { kind: 'jpeg' }
  | { kind: 'video'; container: VideoContainer }
  | { kind: 'unsupported'; code: SkipCode; reason: string };

/** Enough for every signature here; a long DICOM meta group is read further on demand. */
export const SNIFF_BYTES = 1024;

const ascii = (head: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...head.subarray(at, Math.min(head.length, at + length)));

const startsWith = (head: Uint8Array, signature: readonly number[], at = 0) =>
  head.length >= at + signature.length && signature.every((byte, i) => head[at + i] === byte);

function int32(head: Uint8Array, at: number, littleEndian: boolean): number | undefined {
  if (head.length < at + 4) return undefined;
  return new DataView(head.buffer, head.byteOffset, head.byteLength).getInt32(at, littleEndian);
}

const unsupported = (reason: string, code: SkipCode = 'unsupported'): Sniffed => ({ kind: 'unsupported', code, reason });

/**
 * A data set without preamble or meta header (older DICOM files and some exports): the first
 * element must be in group 0002 or 0008 with a real VR (explicit) or a length that fits the
 * file (implicit, group 0008 only, since group 0002 is always explicit).
 */
function looksLikeBareDataSet(head: Uint8Array, size: number): boolean {
  if (head.length < 8) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const group = view.getUint16(0, true);
  const element = view.getUint16(2, true);
  if (group !== 0x0002 && group !== 0x0008) return false;
  if (ALL_VRS.has(ascii(head, 4, 2))) return true;
  const length = view.getUint32(4, true);
  return group === 0x0008 && element <= 0x00ff && length > 0 && length <= size - 8 && length < 1024;
}

function sniffNifti(head: Uint8Array): Sniffed | undefined {
  for (const littleEndian of [true, false]) {
    const sizeofHdr = int32(head, 0, littleEndian);
    if (sizeofHdr === 348) {
      const magic = ascii(head, 344, 4);
      if (magic === 'n+1\0') return { kind: 'nifti', version: 1 };
      if (magic === 'ni1\0') return unsupported('NIfTI header of a .hdr/.img pair: drop a single-file .nii or .nii.gz instead');
      if (head.length >= 348) return unsupported('Analyze 7.5 header (.hdr/.img): convert it to NIfTI (.nii) first');
    }
    if (sizeofHdr === 540) {
      const magic = ascii(head, 4, 4);
      if (magic === 'n+2\0') return { kind: 'nifti', version: 2 };
      if (magic === 'ni2\0') return unsupported('NIfTI-2 header of a .hdr/.img pair: drop a single-file .nii or .nii.gz instead');
    }
  }
  return undefined;
}

function sniffIsoBmff(head: Uint8Array): Sniffed | undefined {
  const box = ascii(head, 4, 4);
  if (box === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (['heic', 'heix', 'mif1', 'msf1', 'avif', 'avis'].includes(brand)) {
      return unsupported('HEIF/AVIF image: export it as PNG or JPEG to import it');
    }
    return { kind: 'video', container: brand === 'qt  ' ? 'mov' : 'mp4' };
  }
  // Old QuickTime files start with a movie or padding atom instead of ftyp.
  if (box === 'moov' || box === 'wide' || box === 'mdat') return { kind: 'video', container: 'mov' };
  return undefined;
}

const OTHER_FORMATS: ReadonlyArray<{ at: number; signature: readonly number[]; reason: string }> = [
  { at: 0, signature: [0x25, 0x50, 0x44, 0x46], reason: 'PDF document: not an image we can import' },
  { at: 0, signature: [0x47, 0x49, 0x46, 0x38], reason: 'GIF image: export it as PNG to import it' },
  { at: 0, signature: [0x49, 0x49, 0x2a, 0x00], reason: 'TIFF image: not supported yet; export it as PNG' },
  { at: 0, signature: [0x4d, 0x4d, 0x00, 0x2a], reason: 'TIFF image: not supported yet; export it as PNG' },
  { at: 0, signature: [0x52, 0x61, 0x72, 0x21], reason: 'RAR archive: only zip archives can be opened; re-pack it as .zip' },
  { at: 0, signature: [0x37, 0x7a, 0xbc, 0xaf], reason: '7-Zip archive: only zip archives can be opened; re-pack it as .zip' },
  { at: 257, signature: [0x75, 0x73, 0x74, 0x61, 0x72], reason: 'tar archive: only zip archives can be opened; re-pack it as .zip' },
  { at: 0, signature: [0x4e, 0x52, 0x52, 0x44], reason: 'NRRD volume: not supported yet; convert it to NIfTI (.nii)' },
  { at: 0, signature: [0x50, 0x4b, 0x05, 0x06], reason: 'empty zip archive' },
];

function isText(head: Uint8Array): boolean {
  return head.length > 0 && head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f));
}

/** Classifies a file from its first bytes (`head`, up to SNIFF_BYTES) and its size. */
export function sniffHead(head: Uint8Array, size: number): Sniffed {
  if (size === 0) return unsupported('empty file (0 bytes)', 'empty');
  // DICM first: a DICOM preamble may itself hold another format's signature (TIFF in CT_small).
  if (ascii(head, 128, 4) === 'DICM') {
    const meta = readFileMeta(head, 132);
    if (meta.mediaStorageSopClassUid === DICOMDIR_SOP_CLASS_UID) return { kind: 'dicomdir', meta };
    return { kind: 'dicom', preamble: true, meta };
  }
  // Some writers drop the preamble but keep the prefix ("DICM" at 0, then the meta group).
  if (ascii(head, 0, 4) === 'DICM' && head[4] === 0x02 && head[5] === 0x00) {
    const meta = readFileMeta(head, 4);
    if (meta.mediaStorageSopClassUid === DICOMDIR_SOP_CLASS_UID) return { kind: 'dicomdir', meta };
    return { kind: 'dicom', preamble: false, meta };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'gzip' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return { kind: 'video', container: ascii(head, 0, 64).includes('webm') ? 'webm' : 'mkv' };
  }
  const iso = sniffIsoBmff(head);
  if (iso) return iso;
  const nifti = sniffNifti(head);
  if (nifti) return nifti;
  if (looksLikeBareDataSet(head, size)) {
    const meta = head[0] === 0x02 ? readFileMeta(head, 0) : undefined;
    if (meta?.mediaStorageSopClassUid === DICOMDIR_SOP_CLASS_UID) return { kind: 'dicomdir', meta };
    return meta ? { kind: 'dicom', preamble: false, meta } : { kind: 'dicom', preamble: false };
  }
  if (ascii(head, 0, 4) === 'RIFF') {
    return unsupported(`${ascii(head, 8, 4).trim() || 'RIFF'} file: only MP4, MOV, WebM and MKV videos can be imported`);
  }
  for (const { at, signature, reason } of OTHER_FORMATS) if (startsWith(head, signature, at)) return unsupported(reason);
  if (size < 132 && head.every((b) => b === 0)) return unsupported('file too short to be a DICOM file and holds only zeros', 'damaged');
  if (isText(head)) return unsupported('text file: not an image (labels and notes are added in a later step)');
  return unsupported('not a DICOM, NIfTI, PNG, JPEG, MP4/MOV, WebM/MKV or zip file');
}

/**
 * Reads the first bytes of a source and classifies it. For DICOM it reads the whole meta
 * group when the group is longer than the first read, so the DICOMDIR test and the transfer
 * syntax see every element.
 */
export async function sniff(source: ByteSource): Promise<Sniffed> {
  let head = await source.read(0, SNIFF_BYTES);
  const metaAt = ascii(head, 128, 4) === 'DICM' ? 132 : ascii(head, 0, 4) === 'DICM' ? 4 : head[0] === 0x02 && head[1] === 0x00 ? 0 : -1;
  const needed = metaAt < 0 ? undefined : statedMetaLength(head, metaAt);
  if (needed !== undefined && metaAt + needed > head.length && metaAt + needed <= 1024 * 1024) {
    head = await source.read(0, metaAt + needed);
  }
  return sniffHead(head, source.size);
}
