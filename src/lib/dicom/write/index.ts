export * from './elements';
export { TAG, type TagKeyword } from './tags';
export { isValidUid } from './uid';
export { validateDataset } from './validate';
export {
  writePart10,
  EXPLICIT_VR_LITTLE_ENDIAN,
  ENCLAVE_IMPLEMENTATION_CLASS_UID,
  ENCLAVE_IMPLEMENTATION_VERSION_NAME,
  type Part10Options,
} from './part10';
