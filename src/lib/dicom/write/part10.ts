import { EnclaveError } from '../../jobs';
import type { DicomDataset, DicomElement } from './elements';
import { dcmjsData, type DcmjsDict, type DcmjsElement } from './dcmjs-shape';
import { TAG } from './tags';
import { isValidUid } from './uid';
import { validateDataset } from './validate';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Our implementation's identity in every file we write (a fixed UUID-derived 2.25 UID). */
export const ENCLAVE_IMPLEMENTATION_CLASS_UID = '2.25.236512092871519546740316302364836458917';
export const ENCLAVE_IMPLEMENTATION_VERSION_NAME = 'ENCLAVE_010';

export interface Part10Options {
  implementationClassUid?: string;
  implementationVersionName?: string;
}

/**
 * Writes a DICOM Part 10 file: 128-byte preamble, "DICM", a file meta group with its group
 * length, then the data set in Explicit VR Little Endian. The meta group's SOP Class and
 * Instance UIDs are taken from the data set so the two can never disagree.
 *
 * dcmjs does the byte encoding. We checked that it pads odd-length values (space for text,
 * NUL for UI and OB), sorts elements by tag (sequence items too), writes sequences and items
 * with undefined length plus delimiters, and writes OB/OW pixel data of any length; see
 * test/unit/dicom/write for the checks.
 */
export function writePart10(dataset: DicomDataset, options: Part10Options = {}): Uint8Array {
  validateDataset(dataset);
  const sopClassUid = singleString(dataset, TAG.SOPClassUID);
  const sopInstanceUid = singleString(dataset, TAG.SOPInstanceUID);
  const implementationClassUid = options.implementationClassUid ?? ENCLAVE_IMPLEMENTATION_CLASS_UID;
  if (!isValidUid(implementationClassUid)) {
    throw new EnclaveError('InvalidInputError', `Cannot write DICOM: "${implementationClassUid}" is not a valid UID.`);
  }
  const meta: DcmjsDict = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClassUid] },
    '00020003': { vr: 'UI', Value: [sopInstanceUid] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] },
    '00020012': { vr: 'UI', Value: [implementationClassUid] },
    '00020013': { vr: 'SH', Value: [options.implementationVersionName ?? ENCLAVE_IMPLEMENTATION_VERSION_NAME] },
  };
  const file = new dcmjsData.DicomDict(meta);
  file.dict = toDcmjsDict(dataset);
  return new Uint8Array(file.write({ allowInvalidVRLength: false }));
}

function singleString(dataset: DicomDataset, tag: string): string {
  const element = dataset[tag];
  if (element === undefined || !('values' in element) || typeof element.values[0] !== 'string') {
    throw new EnclaveError('InvalidInputError', `Cannot write DICOM: the data set has no ${tag}.`);
  }
  return element.values[0];
}

function toDcmjsDict(dataset: DicomDataset): DcmjsDict {
  const dict: DcmjsDict = {};
  for (const [tag, element] of Object.entries(dataset)) dict[tag] = toDcmjsElement(element);
  return dict;
}

function toDcmjsElement(element: DicomElement): DcmjsElement {
  switch (element.vr) {
    case 'SQ':
      return { vr: 'SQ', Value: element.items.map(toDcmjsDict) };
    case 'OB':
    case 'OW':
      return { vr: element.vr, Value: [littleEndianBuffer(element.bytes)] };
    default:
      return { vr: element.vr, Value: [...element.values] };
  }
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The exact bytes of a typed array as a standalone ArrayBuffer, in little-endian order. */
function littleEndianBuffer(data: Uint8Array | Uint16Array | Int16Array): ArrayBuffer {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data.BYTES_PER_ELEMENT === 2 && !HOST_IS_LITTLE_ENDIAN) {
    const swapped = new Uint8Array(view.byteLength);
    for (let i = 0; i < view.length; i += 2) {
      swapped[i] = view[i + 1] ?? 0;
      swapped[i + 1] = view[i] ?? 0;
    }
    return swapped.buffer;
  }
  // Pixel data is large: hand over the caller's buffer when it is exactly these bytes.
  const { buffer } = data;
  if (buffer instanceof ArrayBuffer && data.byteOffset === 0 && buffer.byteLength === data.byteLength) {
    return buffer;
  }
  return view.slice().buffer;
}
