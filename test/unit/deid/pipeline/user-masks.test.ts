import { describe, expect, it } from 'vitest';
import { createDeidEngine, deidentifyInstance, type InstanceSuccess, type PipelineContext } from '../../../../src/lib/deid/pipeline';
import { pseudonymousUid } from '../../../../src/lib/deid/header';
import { addHandDrawnRectangle, defaultPolicy, setRegionRules, validatePolicy, type DeidPolicy } from '../../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { planSampleSet } from '../../../../src/lib/synthetic';
import { decodedFrames, loadInstance } from '../pixels/helpers';

const plan = planSampleSet({ patients: 1, echoStudies: 1, ct: true, mr: false });
const ct = plan.files.find((f) => f.entry.modality === 'CT')!.write();
const secret = new Uint8Array(32).fill(5);

function context(policy: DeidPolicy): PipelineContext {
  return { engine: createDeidEngine({ mask: { strategy: 'both', ocr: false } }), policy, secret, uidCache: new Map() };
}

function success(result: Awaited<ReturnType<typeof deidentifyInstance>>): InstanceSuccess {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result;
}

async function firstFrame(bytes: Uint8Array): Promise<{ data: ArrayLike<number>; columns: number; rows: number }> {
  const instance = loadInstance(bytes);
  const [frame] = await decodedFrames(instance, 1);
  return { data: frame!.data, columns: instance.description.columns, rows: instance.description.rows };
}

describe('the person\'s own masks in the pipeline', () => {
  const reader = datasetReader(parseDicomBytes(ct));
  const rows = reader.number('Rows')!;
  const columns = reader.number('Columns')!;

  it('names the series by its remapped UID, the one the output carries', async () => {
    const result = success(await deidentifyInstance(ct, context(defaultPolicy())));
    const expected = await pseudonymousUid(secret, reader.string('SeriesInstanceUID')!);
    expect(result.seriesRef).toBe(expected);
    expect(datasetReader(parseDicomBytes(result.bytes)).string('SeriesInstanceUID')).toBe(expected);
    expect(result.frameCount).toBe(1);
    expect(result.pixel.outcome).toBe('not-needed');
  });

  it('masks rectangles drawn on a CT series (which the automatic decision leaves alone) and nothing else', async () => {
    const seriesRef = await pseudonymousUid(secret, reader.string('SeriesInstanceUID')!);
    const policy = addHandDrawnRectangle(defaultPolicy(), { seriesRef, rows, columns }, [10, 20, 30, 15]);
    const result = success(await deidentifyInstance(ct, context(validatePolicy(JSON.parse(JSON.stringify(policy))))));
    expect(result.pixels).toBe('cleaned');
    expect(result.pixel.notes.slice(0, 2)).toEqual(['BurnedInAnnotation is NO.', 'Rectangles were drawn by hand on this series.']);
    expect(result.pixel.ocrUsed).toBe(false);
    const before = await firstFrame(ct);
    const after = await firstFrame(result.bytes);
    let changedOutside = 0;
    let inside = 0;
    let insideAtFill = 0;
    const fill = after.data[20 * columns + 10];
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        const i = y * columns + x;
        const within = x >= 10 && x < 40 && y >= 20 && y < 35;
        if (within) {
          inside++;
          if (after.data[i] === fill) insideAtFill++;
        } else if (after.data[i] !== before.data[i]) changedOutside++;
      }
    }
    expect(inside).toBe(450);
    expect(insideAtFill).toBe(450);
    expect(changedOutside).toBe(0);
    // Another series (another UID) is not touched by these rectangles.
    const other = addHandDrawnRectangle(defaultPolicy(), { seriesRef: '2.25.1', rows, columns }, [10, 20, 30, 15]);
    expect(success(await deidentifyInstance(ct, context(other))).pixel.outcome).toBe('not-needed');
  });

  it('applies a user region rule for the device and size, before the built-in ones', async () => {
    const policy = setRegionRules(defaultPolicy(), [
      { name: 'my CT corner', modality: '^CT$', rows, columns, rectangles: [[0, 0, 8, 8]] },
    ]);
    const result = success(await deidentifyInstance(ct, context(policy)));
    expect(result.pixels).toBe('cleaned');
    expect(result.pixel.notes).toContain('The region rule "my CT corner" matches this device and image size.');
    expect(result.pixel.notes).toContain('region rule: my CT corner');
    const mismatch = setRegionRules(defaultPolicy(), [{ name: 'other size', modality: '^CT$', rows: rows + 1, columns, rectangles: [[0, 0, 8, 8]] }]);
    expect(success(await deidentifyInstance(ct, context(mismatch))).pixel.outcome).toBe('not-needed');
  });
});

describe('pixel rules in the policy file', () => {
  it('round-trips through validatePolicy and names a bad field', () => {
    const policy = addHandDrawnRectangle(defaultPolicy(), { seriesRef: '2.25.99', rows: 100, columns: 120 }, [110, 90, 40, 40]);
    expect(policy.pixelRules?.handDrawn).toEqual([{ seriesRef: '2.25.99', rows: 100, columns: 120, rectangles: [[110, 90, 10, 10]] }]);
    expect(validatePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
    const bad = JSON.parse(JSON.stringify(policy)) as { pixelRules: { handDrawn: { rectangles: number[][] }[] } };
    bad.pixelRules.handDrawn[0]!.rectangles[0] = [1, 2, 0, 4];
    expect(() => validatePolicy(bad)).toThrow('"pixelRules.handDrawn[0].rectangles[0]" must be [x, y, width, height]');
    const badRule = { ...policy, pixelRules: { ...policy.pixelRules, regionRules: [{ name: 'x', rows: 1, columns: 1, rectangles: [], model: '(' }] } };
    expect(() => validatePolicy(badRule)).toThrow(/pixelRules.regionRules\[0\]" is not a valid rule/);
  });
});
