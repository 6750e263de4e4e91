import type { MetadataCsvOptions } from '../dicom/metadata';
import type { FrameDecoders, ImportInput } from '../ingest';
import type { ProgressCallback } from '../jobs';
import { ImportSession } from './import-session';
import type { ViewerFrame } from './viewables';

/**
 * The ingest worker's api: one session per worker. Frames are returned with their buffers
 * listed, so the worker can transfer rather than copy them (`transferablesOf`).
 */
export function createImportApi(decoders: FrameDecoders, transfer: <T>(value: T, buffers: Transferable[]) => T = (v) => v) {
  const session = new ImportSession(decoders);
  let controller: AbortController | undefined;

  return {
    /** Imports more files into the session; cancel() stops it between files, keeping what was read. */
    async add(inputs: ImportInput[], onProgress?: ProgressCallback) {
      controller = new AbortController();
      try {
        return await session.add(inputs, { signal: controller.signal, onProgress });
      } finally {
        controller = undefined;
      }
    },
    async cancel() {
      controller?.abort();
    },
    async snapshot() {
      return session.snapshot();
    },
    async viewables() {
      return session.viewables();
    },
    async metadataTable() {
      return session.metadataTable();
    },
    async metadataCsv(options: MetadataCsvOptions = {}) {
      return session.metadataCsv(options);
    },
    async header(instanceId: string) {
      return session.header(instanceId);
    },
    async instanceAt(viewableKey: string, index: number) {
      return session.instanceAt(viewableKey, index);
    },
    async frame(viewableKey: string, index: number): Promise<ViewerFrame> {
      const frame = await session.frame(viewableKey, index);
      return transfer(frame, transferablesOf(frame));
    },
    async clear() {
      session.clear();
    },
  };
}

export function transferablesOf(frame: ViewerFrame): Transferable[] {
  switch (frame.kind) {
    case 'dicom':
      return [frame.decoded.data.buffer as ArrayBuffer];
    case 'scalar':
      return [frame.values.buffer as ArrayBuffer];
    case 'rgba':
      return [frame.rgba.buffer as ArrayBuffer];
  }
}
