// The ingest worker: scans drops (folders, zips, DICOMDIR, NIfTI, video), keeps handles and
// headers, and decodes frames on demand for the viewer.
import * as Comlink from 'comlink';
import codecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { configureCodecWasm } from '../src/lib/dicom/pixels';
import { detectFrameDecoders } from '../src/lib/ingest';
import { createImportApi } from '../src/lib/workspace/import-api';

configureCodecWasm({ url: codecsWasm });
const api = createImportApi(detectFrameDecoders(), Comlink.transfer);

Comlink.expose(api);
export type IngestApi = typeof api;
