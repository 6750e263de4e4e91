import type { EditableDataset, EditableElement } from './types';
import { ENCLAVE_IMPLEMENTATION_CLASS_UID, ENCLAVE_IMPLEMENTATION_VERSION_NAME, TAG } from './tags';
import { textBytes } from './text';

/** Group 0002: file meta information, never part of the data set proper. */
export function isMetaTag(tag: number): boolean {
  return tag >>> 16 === 0x0002;
}

/**
 * The meta group as it is written: Transfer Syntax UID from `ds.transferSyntaxUid`, the Media
 * Storage SOP Class/Instance UIDs copied from the data set's SOP Class/Instance UID (so an edited
 * SOP Instance UID never leaves the original in the meta group), and the required elements a
 * raw data set lacks (version 00\01, our implementation class UID and version name). Group
 * 0002 elements found in the data set join the meta group when it lacks them (the serializer
 * never writes them after the meta group). The input lists are not changed.
 */
export function completeMeta(ds: EditableDataset): EditableElement[] {
  const meta = new Map<number, EditableElement>(ds.meta.map((e) => [e.tag, e]));
  // Group 0002 elements in the data set (a damaged meta group length) belong to the meta group.
  for (const e of ds.elements) if (isMetaTag(e.tag) && !meta.has(e.tag)) meta.set(e.tag, e);
  const put = (tag: number, vr: string, value: Uint8Array): void => {
    meta.set(tag, { tag, vr, value });
  };
  if (!meta.has(TAG.FileMetaInformationVersion)) put(TAG.FileMetaInformationVersion, 'OB', Uint8Array.of(0, 1));
  const sopClass = ds.elements.find((e) => e.tag === TAG.SOPClassUID)?.value;
  const sopInstance = ds.elements.find((e) => e.tag === TAG.SOPInstanceUID)?.value;
  if (sopClass) put(TAG.MediaStorageSOPClassUID, 'UI', sopClass);
  if (sopInstance) put(TAG.MediaStorageSOPInstanceUID, 'UI', sopInstance);
  put(TAG.TransferSyntaxUID, 'UI', textBytes(ds.transferSyntaxUid, 'UI'));
  if (!meta.has(TAG.ImplementationClassUID)) {
    put(TAG.ImplementationClassUID, 'UI', textBytes(ENCLAVE_IMPLEMENTATION_CLASS_UID, 'UI'));
    if (!meta.has(TAG.ImplementationVersionName)) put(TAG.ImplementationVersionName, 'SH', textBytes(ENCLAVE_IMPLEMENTATION_VERSION_NAME, 'SH'));
  }
  return [...meta.values()];
}
