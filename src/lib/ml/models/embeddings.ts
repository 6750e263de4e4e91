/**
 * Quick mode (in the spirit of Teachable Machine): run the frozen backbone once over the data,
 * keep one feature vector per sample, then train only a small head on those vectors, which takes
 * seconds instead of minutes.
 */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError, throwIfCancelled, type JobOptions } from '../../jobs';

export interface EmbeddingMatrix {
  /** Row-major [rows × dim]. */
  data: Float32Array;
  rows: number;
  dim: number;
}

export interface EmbeddingOptions extends JobOptions {
  /** Samples expected in total, for progress only. */
  totalRows?: number;
  /** Dispose each input batch after use (default true: the batches exist only to be embedded). */
  disposeInputs?: boolean;
}

/**
 * Embeds every batch with `embedder` (its output must be [batch, dim]) and concatenates the rows.
 * Reads results with `await data()` (never dataSync, which stalls WebGPU) and frees every tensor
 * it makes before the next batch, so memory stays flat however long the data.
 */
export async function computeEmbeddings(
  embedder: tf.LayersModel,
  batches: AsyncIterable<tf.Tensor> | Iterable<tf.Tensor>,
  options: EmbeddingOptions = {},
): Promise<EmbeddingMatrix> {
  const chunks: Float32Array[] = [];
  let rows = 0;
  let dim = -1;
  const disposeInputs = options.disposeInputs ?? true;
  for await (const batch of batches) {
    try {
      throwIfCancelled(options.signal, 'Computing embeddings');
      const output = embedder.predict(batch);
      if (Array.isArray(output)) {
        output.forEach((t) => t.dispose());
        throw new EnclaveError('InvalidInputError', 'The embedding model has several outputs; cut it at a layer with one.');
      }
      try {
        if (output.rank !== 2) {
          throw new EnclaveError('InvalidInputError', `The embedding model outputs shape [${output.shape.join(', ')}]; it must output one vector per sample.`);
        }
        const [batchRows, batchDim] = output.shape as [number, number];
        if (dim === -1) dim = batchDim;
        chunks.push(new Float32Array(await output.data()));
        rows += batchRows;
      } finally {
        output.dispose();
      }
    } finally {
      if (disposeInputs) batch.dispose();
    }
    options.onProgress?.({ stage: 'embed', done: rows, total: Math.max(rows, options.totalRows ?? rows) });
  }
  const data = new Float32Array(rows * Math.max(dim, 0));
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { data, rows, dim: Math.max(dim, 0) };
}
