export {
  allocate, assertTensor, BYTES_PER_ELEMENT, elementCount, fromLittleEndianBytes, isTensorDtype, TENSOR_DTYPES, toLittleEndianBytes,
  type Tensor, type TensorData, type TensorDtype, type TypedArrayOf,
} from './dtype';
export { npyDescr, pythonShape, readNpy, writeNpy } from './npy';
export {
  exportNpy, NPY_SHAPES_FORMAT, NPY_SHAPES_VERSION, safeFileName, stackTensors, whyNotStackable,
  type NpyExport, type NpyExportOptions, type NpyFile, type NpyLayout, type NpyShapesEntry, type NpyShapesRecord, type ScanTensor,
} from './npy-export';
export {
  chooseStorage, decodeFromStorage, encodeForStorage, FLOAT16_MAX_RELATIVE_ERROR, FLOAT16_RELATIVE_FLOOR, GRID_TOLERANCE,
  type ChooseStorageOptions, type EncodedTensor, type StorageChoice, type StorageDtype, type Uint8Grid,
} from './storage-codec';
export {
  chunkTensor, CHUNK_INDEX_VERSION, DEFAULT_CHUNK_BYTES, gridOf, reassembleChunks,
  type ChunkableTensor, type ChunkOptions, type TensorChunk, type TensorChunkIndex,
} from './chunks';
export {
  EXPORT_JSON_VERSION, jsonFileText, LABELS_JSON_FORMAT, labelsJson, labelsMetadataCsv, readSplitsJson, SPLITS_JSON_FORMAT, splitsJson,
  type ExportAnnotation, type ExportItem, type JsonValue, type LabelsCsvInput, type LabelsJson, type SplitsJson,
} from './exports';
