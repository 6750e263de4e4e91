/** Tags the editing code refers to by number (group << 16 | element). */
export const TAG = {
  FileMetaInformationGroupLength: 0x00020000,
  FileMetaInformationVersion: 0x00020001,
  MediaStorageSOPClassUID: 0x00020002,
  MediaStorageSOPInstanceUID: 0x00020003,
  TransferSyntaxUID: 0x00020010,
  ImplementationClassUID: 0x00020012,
  ImplementationVersionName: 0x00020013,
  SpecificCharacterSet: 0x00080005,
  SOPClassUID: 0x00080016,
  SOPInstanceUID: 0x00080018,
  BitsAllocated: 0x00280100,
  PixelData: 0x7fe00010,
  Item: 0xfffee000,
  ItemDelimiter: 0xfffee00d,
  SequenceDelimiter: 0xfffee0dd,
} as const;

/** Our implementation's identity (the same UID src/lib/dicom/write uses; not imported to keep dcmjs out). */
export const ENCLAVE_IMPLEMENTATION_CLASS_UID = '2.25.236512092871519546740316302364836458917';
export const ENCLAVE_IMPLEMENTATION_VERSION_NAME = 'ENCLAVE_010';

/** (gggg,0000) outside the meta group: retired group lengths, not written (they go stale on edit). */
export function isDatasetGroupLength(tag: number): boolean {
  return (tag & 0xffff) === 0 && tag >>> 16 !== 0x0002;
}
