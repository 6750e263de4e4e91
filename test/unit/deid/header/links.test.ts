import { describe, expect, it } from 'vitest';
import { deidentifyHeader, shiftDa } from '../../../../src/lib/deid/header';
import { defaultPolicy, type DeidPolicy } from '../../../../src/lib/deid/policy';
import type { EditableDataset } from '../../../../src/lib/dicom/edit';
import { CORPUS_SKIP, OTHER_SECRET, SECRET, corpusAvailable, corpusEditable, corpusFiles, editableFromBytes, elementsByPath, latin1, syntheticFiles, topText } from './fixtures';
import { validForVr } from './vr-checks';

const SOP_CLASS = 0x00080016;
const SOP_INSTANCE = 0x00080018;

/** De-identifies files with one secret and one UID cache, as a session does; returns [input, output] pairs. */
async function run(inputs: EditableDataset[], secret: Uint8Array, policy: DeidPolicy = defaultPolicy()): Promise<[EditableDataset, EditableDataset][]> {
  const uidCache = new Map<string, Promise<string>>();
  const out: [EditableDataset, EditableDataset][] = [];
  for (const input of inputs) out.push([input, (await deidentifyHeader(input, { policy, secret, uidCache })).dataset]);
  return out;
}

/** Original UID → every new UID it became, over all paths of all files. */
function uidMapping(pairs: [EditableDataset, EditableDataset][]): Map<string, Set<string>> {
  const mapping = new Map<string, Set<string>>();
  for (const [input, output] of pairs) {
    const after = elementsByPath(output);
    for (const [path, el] of elementsByPath(input)) {
      const mapped = after.get(path);
      if (el.vr !== 'UI' || !mapped || mapped.vr !== 'UI' || !el.value?.length) continue;
      const originals = latin1(el.value).split('\\').map((v) => v.trim());
      const news = latin1(mapped.value).split('\\').map((v) => v.trim());
      originals.forEach((o, i) => {
        const set = mapping.get(o) ?? new Set<string>();
        set.add(news[i] ?? '');
        mapping.set(o, set);
      });
    }
  }
  return mapping;
}

function checkLinks(pairs: [EditableDataset, EditableDataset][]): void {
  const mapping = uidMapping(pairs);
  const inconsistent = [...mapping].filter(([, news]) => news.size !== 1).map(([o, news]) => `${o} → ${[...news].join(', ')}`);
  expect(inconsistent).toEqual([]);
  // Different originals never collide.
  const all = [...mapping.values()].map((s) => [...s][0]);
  expect(new Set(all).size).toBe(all.length);
  for (const [input, output] of pairs) {
    expect(topText(output, SOP_CLASS)).toBe(topText(input, SOP_CLASS));
    expect(output.transferSyntaxUid).toBe(input.transferSyntaxUid);
    expect(latin1(output.meta.find((e) => e.tag === 0x00020010)?.value).trim()).toBe(latin1(input.meta.find((e) => e.tag === 0x00020010)?.value).trim());
    const sop = topText(output, SOP_INSTANCE);
    expect(sop).toMatch(/^2\.25\.[1-9]\d*$/);
    if (input.meta.some((e) => e.tag === 0x00020003)) expect(latin1(output.meta.find((e) => e.tag === 0x00020003)?.value).trim()).toBe(sop);
  }
}

describe('UID links', () => {
  it('hold across a synthetic CT series: one study, one series, one frame of reference, new UIDs', async () => {
    const files = (await syntheticFiles()).filter((f) => f.path.startsWith('ct/'));
    const pairs = await run(files.map((f) => editableFromBytes(f.bytes)), SECRET);
    checkLinks(pairs);
    for (const tag of [0x0020000d, 0x0020000e, 0x00200052]) {
      const values = new Set(pairs.map(([, out]) => topText(out, tag)));
      expect(values.size).toBe(1);
      expect([...values][0]).not.toBe(topText(pairs[0]![0], tag));
    }
    expect(new Set(pairs.map(([, out]) => topText(out, SOP_INSTANCE))).size).toBe(files.length);
  }, 30_000);

  it.skipIf(!corpusAvailable)(`hold across the DICOMDIR study's files ${corpusAvailable ? '' : CORPUS_SKIP}`, async () => {
    const inputs = corpusFiles('dicomdir/98892003').map(corpusEditable);
    expect(inputs.length).toBeGreaterThan(10);
    const pairs = await run(inputs, SECRET);
    checkLinks(pairs);
    // The study's files share one study and a few frames of reference: the same groups after.
    for (const tag of [0x0020000d, 0x00200052, 0x0020000e]) {
      const groups = (pick: 0 | 1): string => JSON.stringify(pairs.map((pair) => pairs.findIndex((other) => topText(other[pick], tag) === topText(pair[pick], tag))));
      expect(groups(1)).toBe(groups(0));
    }
    expect(new Set(pairs.map(([, out]) => topText(out, 0x0020000d))).size).toBe(new Set(pairs.map(([input]) => topText(input, 0x0020000d))).size);
  }, 60_000);

  it('follow references at any depth to the referenced file\'s new SOPInstanceUID', async () => {
    const [first, second] = (await syntheticFiles()).filter((f) => f.path.startsWith('ct/')).map((f) => editableFromBytes(f.bytes));
    const referenced = first!.elements.find((e) => e.tag === SOP_INSTANCE)!;
    const reference = { tag: 0x00081155, vr: 'UI', value: referenced.value! };
    // Source Image Sequence > item > Referenced Image Sequence > item > ReferencedSOPInstanceUID.
    second!.elements.push({ tag: 0x00082112, vr: 'SQ', items: [{ elements: [{ tag: 0x00081140, vr: 'SQ', items: [{ elements: [reference] }] }] }] });
    second!.elements.sort((a, b) => a.tag - b.tag);
    const pairs = await run([first!, second!], SECRET);
    const nested = elementsByPath(pairs[1]![1]).get('(0008,2112)[0]/(0008,1140)[0]/(0008,1155)');
    expect(latin1(nested?.value)).toBe(topText(pairs[0]![1], SOP_INSTANCE));
  });

  it('differ with another secret', async () => {
    const file = (await syntheticFiles()).find((f) => f.path.startsWith('ct/'))!;
    const [[, a]] = (await run([editableFromBytes(file.bytes)], SECRET)) as [[EditableDataset, EditableDataset]];
    const [[, b]] = (await run([editableFromBytes(file.bytes)], OTHER_SECRET)) as [[EditableDataset, EditableDataset]];
    for (const tag of [SOP_INSTANCE, 0x0020000d, 0x0020000e, 0x00200052]) expect(topText(a, tag)).not.toBe(topText(b, tag));
    expect(topText(a, SOP_CLASS)).toBe(topText(b, SOP_CLASS));
  });
});

describe('dates, pseudonyms and ages', () => {
  it('shift every date of a patient by the same days and keep DA/TM/DT valid (Retain Longitudinal Modified Dates)', async () => {
    const policy = defaultPolicy();
    policy.options.retainLongitudinal = 'modified';
    const files = await syntheticFiles();
    const byPatient = new Map<string, Set<number>>();
    for (const file of files) {
      const input = editableFromBytes(file.bytes);
      const result = await deidentifyHeader(input, { policy, secret: SECRET });
      const days = result.dateShiftDays!;
      expect(days).toBeGreaterThanOrEqual(-365);
      expect(days).toBeLessThanOrEqual(-1);
      const patient = topText(input, 0x00100020);
      byPatient.set(patient, (byPatient.get(patient) ?? new Set()).add(days));
      expect(topText(result.dataset, 0x00080020)).toBe(shiftDa(topText(input, 0x00080020), days));
      expect(topText(result.dataset, 0x00080030)).toBe(topText(input, 0x00080030)); // time unchanged
      const invalid = [...elementsByPath(result.dataset)].filter(([, el]) => ['DA', 'TM', 'DT'].includes(el.vr) && !validForVr(el)).map(([p]) => p);
      expect(invalid).toEqual([]);
    }
    expect(byPatient.size).toBe(2);
    for (const shifts of byPatient.values()) expect(shifts.size).toBe(1);
  }, 30_000);

  it('give each patient one pseudonym across files, and return the original → pseudonym entry', async () => {
    const files = await syntheticFiles();
    const seen = new Map<string, Set<string>>();
    for (const file of files) {
      const input = editableFromBytes(file.bytes);
      const { dataset, pseudonym } = await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET });
      expect(pseudonym.pseudonym).toMatch(/^ENC-[A-Z2-7]{12}$/);
      expect(topText(dataset, 0x00100010)).toBe(pseudonym.pseudonym);
      expect(topText(dataset, 0x00100020)).toBe(pseudonym.pseudonym);
      expect(pseudonym.patientId).toBe(topText(input, 0x00100020));
      expect(pseudonym.nameParts.family).toBe(topText(input, 0x00100010).split('^')[0]);
      seen.set(pseudonym.patientId, (seen.get(pseudonym.patientId) ?? new Set()).add(pseudonym.pseudonym));
    }
    expect([...seen.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(new Set([...seen.values()].map((s) => [...s][0])).size).toBe(2);
  }, 30_000);

  it('cap ages over 89 when the HIPAA option is on', async () => {
    const file = (await syntheticFiles()).find((f) => f.path.startsWith('ct/'))!;
    const policy = defaultPolicy();
    policy.options.retainPatientCharacteristics = true;
    const input = editableFromBytes(file.bytes);
    const age = input.elements.find((e) => e.tag === 0x00101010)!;
    age.value = new TextEncoder().encode('093Y');
    expect(topText((await deidentifyHeader(input, { policy, secret: SECRET })).dataset, 0x00101010)).toBe('090Y');
    policy.hipaaAgeOver89 = false;
    expect(topText((await deidentifyHeader(input, { policy, secret: SECRET })).dataset, 0x00101010)).toBe('093Y');
    expect((await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET })).dataset.elements.some((e) => e.tag === 0x00101010)).toBe(false);
  });

  it('cap a birth date kept by an override when the patient was over 89', async () => {
    const file = (await syntheticFiles()).find((f) => f.path.startsWith('ct/'))!;
    const input = editableFromBytes(file.bytes);
    input.elements.find((e) => e.tag === 0x00100030)!.value = new TextEncoder().encode('19000101');
    const study = topText(input, 0x00080020);
    const policy = defaultPolicy();
    policy.overrides = { PatientBirthDate: 'K' };
    const out = (await deidentifyHeader(input, { policy, secret: SECRET })).dataset;
    expect(topText(out, 0x00100030)).toBe(`${Number(study.slice(0, 4)) - 90}${study.slice(4)}`);
  });
});
