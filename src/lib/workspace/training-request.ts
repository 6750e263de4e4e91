/**
 * What starts a training run, and the checks that make it consistent with its dataset before
 * anything heavy happens: the model's input is the dataset's sample shape, the head matches the
 * task and the number of classes, and the loss matches the head.
 */
import { EnclaveError } from '../jobs';
import type { ModelSpec } from '../ml/models';
import type { LossKind } from '../ml/train';
import type { RunRecord } from '../store/schema';

/** The whole request, stored with the run (RunRecord.config) so a reload can resume it. */
export type TrainRequest = NonNullable<RunRecord['config']>;

export type ScanKind = 'image' | 'cine' | 'volume';

/**
 * One sample as the model takes it, from a stored scan shape ([frames or slices, h, w, c]):
 * an image drops its single frame ([h, w, c]); a clip or a volume keeps all four axes.
 */
export function sampleShapeOf(kind: ScanKind, stored: readonly number[]): number[] {
  if (kind === 'image') {
    if (stored.length === 4 && stored[0] === 1) return stored.slice(1);
    if (stored.length === 3) return [...stored];
    throw new EnclaveError('InvalidInputError', `An image dataset should hold one frame per scan, but a scan has shape [${stored.join(', ')}]; rebuild the dataset with an image recipe.`);
  }
  if (stored.length === 3) return [...stored, 1];
  if (stored.length === 4) return [...stored];
  throw new EnclaveError('InvalidInputError', `A ${kind} scan should have shape [${kind === 'cine' ? 'frames' : 'slices'}, height, width, channels], not [${stored.join(', ')}].`);
}

/** The loss each head needs. */
export function lossForHead(spec: ModelSpec): LossKind {
  if (spec.head.task === 'regression') return 'mean-squared-error';
  return spec.head.activation === 'softmax' ? 'softmax-cross-entropy' : 'sigmoid-cross-entropy';
}

/**
 * The model spec to build: the request's, with the dataset's sample shape as input and, for a
 * softmax head, one output per class. Throws InvalidInputError when the head, task, classes and
 * loss disagree, saying what to change.
 */
export function resolveModelSpec(request: TrainRequest, sampleShape: readonly number[], classes: readonly string[] | undefined): ModelSpec {
  const spec = structuredClone(request.model);
  const rank = spec.family === 'mobilenet-v2' || spec.family === 'resnet-small' ? 3 : 4;
  if (sampleShape.length !== rank) {
    const what = rank === 3 ? 'images [height, width, channels]' : 'clips or volumes [frames, height, width, channels]';
    throw new EnclaveError('InvalidInputError', `A ${spec.family} model takes ${what}, but this dataset's samples are [${sampleShape.join(', ')}]; choose a ${rank === 3 ? 'video or volume' : '2D image'} model.`);
  }
  (spec as { input: number[] }).input = [...sampleShape];
  const head = spec.head;
  if (request.task !== head.task) {
    throw new EnclaveError('InvalidInputError', `The run is a ${request.task} task but the model has a ${head.task} head; choose a ${request.task} head.`);
  }
  if (head.task === 'classification') {
    const k = classes?.length ?? 0;
    if (k < 2) throw new EnclaveError('InvalidInputError', `Classification needs at least two classes in column "${request.labelColumn}"; it has ${k}.`);
    if (head.activation === 'softmax') spec.head = { ...head, classes: k };
    else if (!(k === 2 && head.classes === 1)) {
      throw new EnclaveError('InvalidInputError', `A sigmoid head gives one output for two classes; column "${request.labelColumn}" has ${k} classes, so use a softmax head.`);
    }
  }
  const loss = lossForHead(spec);
  if (request.train.loss !== loss) {
    throw new EnclaveError('InvalidInputError', `The loss ${request.train.loss} does not fit a ${describeHead(spec)} head; use ${loss}.`);
  }
  return spec;
}

function describeHead(spec: ModelSpec): string {
  return spec.head.task === 'regression' ? 'regression' : `${spec.head.activation} classification`;
}
