/**
 * The CLI runs the shared per-instance pipeline (src/lib/deid/pipeline); this file names what
 * the CLI uses from it, plus deidentifyFile for callers that want failures thrown.
 */
import { deidentifyInstance, type InstanceSuccess, type PipelineContext } from '../../lib/deid/pipeline';
import { EnclaveError, isEnclaveErrorName } from '../../lib/jobs';

export {
  blockingReasons, deidentifyInstance, DICOMDIR_SOP_CLASS, keptKinds,
  type InstanceResult, type InstanceSuccess, type PipelineContext,
} from '../../lib/deid/pipeline';

export type PipelineResult = Omit<InstanceSuccess, 'ok'>;

/** deidentifyInstance, with a failure thrown as an EnclaveError of the same name (when it is one). */
export async function deidentifyFile(bytes: Uint8Array, ctx: PipelineContext): Promise<PipelineResult> {
  const result = await deidentifyInstance(bytes, ctx);
  if (result.ok) return result;
  throw new EnclaveError(isEnclaveErrorName(result.reason) ? result.reason : 'InvalidInputError', result.message);
}
