// The ingest worker: scans drops (folders, zips, DICOMDIR, NIfTI, video), keeps handles and
// headers, decodes frames on demand for the viewer, and de-identifies what was imported.
import * as Comlink from 'comlink';
import codecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { configureCodecWasm } from '../src/lib/dicom/pixels';
import { createTesseractRecognizer } from '../src/lib/deid/pixels';
import { detectFrameDecoders } from '../src/lib/ingest';
import { createImportApi } from '../src/lib/workspace/import-api';

configureCodecWasm({ url: codecsWasm });
// OCR assets are copied into public/ocr/ at build (src/cli/copy-ocr-assets.ts): same origin only.
const ocr = new URL(`${import.meta.env.BASE_URL}ocr/`, self.location.origin).href;
const imports = createImportApi(detectFrameDecoders(), Comlink.transfer, {
  recognizer: () => createTesseractRecognizer({ workerPath: `${ocr}worker.min.js`, corePath: ocr, langPath: ocr.replace(/\/$/, '') }),
});
const api = {
  ...imports,
  /** Serves the de-identified outputs to the dataset builder (compute worker) over its own port. */
  async connectDeidOutputs(port: MessagePort) {
    Comlink.expose({ items: imports.deidOutputs, bytes: imports.deidOutputBytes }, port);
  },
};

Comlink.expose(api);
export type IngestApi = typeof api;
