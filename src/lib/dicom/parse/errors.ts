import { EnclaveError } from '../../jobs';
import { formatTag, keywordForTag } from './dictionary';

/** Expected failures of reading a DICOM file, with a message a person can act on. */
export function dicomParseError(message: string, cause?: unknown): EnclaveError {
  return new EnclaveError('DicomParseError', message, cause === undefined ? {} : { cause });
}

/**
 * Thrown by the parser core when a header scan needs bytes that are in the file but not yet
 * read; the driver reads more and parses again. Not an Error: it never reaches a caller.
 */
export class NeedBytes {
  constructor(readonly offset: number, readonly length: number) {}
}

/** Thrown to unwind the parse when the data cannot go on (truncation, depth); the tree built so far stays. */
export class StopParse {
  constructor(readonly reason: 'truncated' | 'malformed') {}
}

const MODULE_BY_GROUP: Readonly<Record<number, string>> = {
  0x0002: 'File Meta Information header', 0x0004: 'Directory module', 0x0008: 'General Study/Series module',
  0x0010: 'Patient module', 0x0012: 'Clinical Trial module', 0x0018: 'Acquisition module',
  0x0020: 'Study/Series/Image Relationship module', 0x0028: 'Image Pixel module', 0x0032: 'Study module',
  0x0038: 'Visit module', 0x0040: 'Procedure Step module', 0x0054: 'Nuclear Medicine module',
  0x0070: 'Presentation State module', 0x0088: 'Storage module', 0x3006: 'RT Structure Set module',
  0x300a: 'RT Plan module', 0x5200: 'Functional Groups module', 0x5400: 'Waveform module', 0x7fe0: 'Pixel Data',
};

/**
 * "inside the Patient module, element (0010,0010) PatientName" — where in the file something
 * happened. Without a tag (the file ends inside an element's header) the group of the element
 * before still names the module.
 */
export function describePlace(tag: number | undefined, group = tag === undefined ? undefined : tag >>> 16): string {
  if (group === undefined) return 'before the first element of its data set';
  const module = group % 2 === 1
    ? 'a private block'
    : MODULE_BY_GROUP[group] ?? ((group & 0xff00) === 0x6000 ? 'Overlay module' : undefined);
  if (tag === undefined) return module ? `inside the ${module}` : `after an element of group ${formatTag(group << 16).slice(1, 5)}`;
  const keyword = keywordForTag(tag);
  const element = `element ${formatTag(tag)}${keyword ? ` ${keyword}` : ''}`;
  return module ? `inside the ${module}, ${element}` : `at ${element}`;
}

export function formatByteCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function truncationMessage(size: number, tag: number | undefined, group?: number): string {
  return `This file ends after ${formatByteCount(size)} bytes, ${describePlace(tag, group ?? (tag === undefined ? undefined : tag >>> 16))}; it is probably truncated.`;
}
