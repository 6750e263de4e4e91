import { describe, expect, it } from 'vitest';
import { validateModelCard } from '../../../../src/lib/ml/model-io';
import { cardFor, RESNET_SPEC, VIDEO_SPEC } from './fixtures';

function problemOf(value: unknown): string {
  try {
    validateModelCard(value);
  } catch (error) {
    expect(error).toMatchObject({ name: 'ModelFormatError' });
    return (error as Error).message;
  }
  throw new Error('expected the card to be refused');
}

describe('validateModelCard', () => {
  it('accepts complete cards after a JSON round trip, regression cards without classes included', () => {
    for (const spec of [RESNET_SPEC, VIDEO_SPEC]) {
      const card = JSON.parse(JSON.stringify(cardFor(spec)));
      expect(validateModelCard(card)).toEqual(cardFor(spec));
    }
    expect(cardFor(VIDEO_SPEC).classes).toBeUndefined();
  });

  it('lists every problem of a bad card at once', () => {
    const card = { ...cardFor(RESNET_SPEC), createdAt: 'yesterday', task: 'segmentation', inputShape: [0], backend: 3 };
    expect(problemOf(card)).toBe('The model card (model-card.json) is not valid: createdAt must be an ISO date; '
      + "task must be 'classification' or 'regression'; inputShape must be a list of positive whole numbers; backend must be a text.");
  });

  it('checks nested parts: counts, metrics, the model spec and plain-JSON fields', () => {
    const card = cardFor(RESNET_SPEC);
    expect(problemOf({ ...card, dataSummary: { samples: { train: -1 } } })).toContain('dataSummary.samples must map names to whole numbers');
    expect(problemOf({ ...card, metrics: { auc: Number.NaN } })).toContain('metrics must be a JSON object');
    expect(problemOf({ ...card, modelSpec: { ...RESNET_SPEC, baseFilters: 0 } })).toContain('modelSpec is not valid (The model settings are not valid: baseFilters');
    expect(problemOf({ ...card, versions: { enclave: '0.1.0' } })).toContain('versions must give enclave and tfjs as texts');
    expect(problemOf([card])).toBe('The model card (model-card.json) is not valid: it is not a JSON object.');
  });
});
