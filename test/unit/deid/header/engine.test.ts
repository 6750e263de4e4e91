import { describe, expect, it } from 'vitest';
import { deidentifyHeader } from '../../../../src/lib/deid/header';
import { defaultPolicy, type DeidPolicy } from '../../../../src/lib/deid/policy';
import type { EditableDataset, EditableElement } from '../../../../src/lib/dicom/edit';
import { CORPUS_SKIP, SECRET, corpusAvailable, corpusEditable, editableFromBytes, elementsByPath, latin1, syntheticFiles, topText } from './fixtures';

const text = (tag: number, vr: string, value: string): EditableElement => ({ tag, vr, value: new TextEncoder().encode(value.length % 2 ? `${value} ` : value) });

async function ctSlice(): Promise<EditableDataset> {
  const file = (await syntheticFiles()).find((f) => f.path.startsWith('ct/'))!;
  return editableFromBytes(file.bytes);
}

function add(ds: EditableDataset, ...elements: EditableElement[]): void {
  ds.elements.push(...elements);
  ds.elements.sort((a, b) => a.tag - b.tag);
}

function policyWith(edit: (p: DeidPolicy) => void): DeidPolicy {
  const p = defaultPolicy();
  edit(p);
  return p;
}

const codes = (ds: EditableDataset): string[] =>
  (ds.elements.find((e) => e.tag === 0x00120064)?.items ?? []).map((item) => latin1(item.elements.find((e) => e.tag === 0x00080100)?.value));

describe('private attributes', () => {
  async function withPrivateBlocks(): Promise<EditableDataset> {
    const ds = await ctSlice();
    const nested: EditableElement = {
      tag: 0x00191102, vr: 'SQ',
      items: [{ elements: [text(0x00100010, 'PN', 'SECRET^NESTED'), text(0x00081155, 'UI', '1.2.3.4.5.6.7')] }],
    };
    add(ds,
      text(0x00190010, 'LO', 'SIEMENS MR HEADER'), text(0x00190011, 'LO', 'OTHER VENDOR'),
      text(0x0019100c, 'IS', '1000'), text(0x00191008, 'LO', 'SECRET PRIVATE TEXT'), text(0x00191101, 'LO', 'OTHER TEXT'), nested);
    return ds;
  }
  const privateTags = (ds: EditableDataset): string[] =>
    [...elementsByPath(ds)].filter(([, el]) => ((el.tag >>> 16) & 1) === 1).map(([path]) => path);

  it('are all removed by default, at every depth (the synthetic private block nests two levels)', async () => {
    const input = await withPrivateBlocks();
    expect(privateTags(input).length).toBeGreaterThan(8);
    expect(privateTags((await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET })).dataset)).toEqual([]);
  });

  it('keep only safe-listed elements and their creators under Retain Safe Private', async () => {
    const policy = policyWith((p) => { p.options.retainSafePrivate = true; });
    const { dataset } = await deidentifyHeader(await withPrivateBlocks(), { policy, secret: SECRET });
    expect(privateTags(dataset)).toEqual(['(0019,0010)', '(0019,100C)']);
    expect(topText(dataset, 0x0019100c)).toBe('1000');
  });

  it('walk into kept private sequences, and follow overrides by tag', async () => {
    const policy = policyWith((p) => {
      p.options.retainSafePrivate = true;
      p.privateSafeList = [{ creator: 'OTHER VENDOR', group: 0x0019, element: 0x02 }];
      p.overrides = { '00191008': 'K' };
    });
    const input = await withPrivateBlocks();
    const { dataset } = await deidentifyHeader(input, { policy, secret: SECRET });
    expect(privateTags(dataset)).toEqual([
      '(0019,0010)', '(0019,0011)', '(0019,1008)', '(0019,1102)',
    ]);
    const inside = elementsByPath(dataset);
    expect(inside.get('(0019,1102)[0]/(0010,0010)')?.value?.length).toBe(0);
    expect(latin1(inside.get('(0019,1102)[0]/(0008,1155)')?.value)).toMatch(/^2\.25\./);
  });
});

describe('markers', () => {
  it('record the profile, and claim Clean Pixel Data and BurnedInAnnotation NO only when told', async () => {
    const input = await ctSlice();
    const plain = (await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET })).dataset;
    expect(topText(plain, 0x00120062)).toBe('YES');
    expect(codes(plain)).toEqual(['113100']);
    expect(topText(plain, 0x00280303)).toBe('REMOVED');
    expect(topText(plain, 0x00280301)).toBe(topText(input, 0x00280301));
    expect(latin1(plain.elements.find((e) => e.tag === 0x00120063)?.value)).toContain('Basic Application Confidentiality Profile');
    const scheme = plain.elements.find((e) => e.tag === 0x00120064)?.items?.[0]?.elements.find((e) => e.tag === 0x00080102);
    expect(latin1(scheme?.value)).toBe('DCM');

    const cleaned = (await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET, pixelsCleanedOrChecked: true })).dataset;
    expect(codes(cleaned)).toEqual(['113100', '113101']);
    expect(topText(cleaned, 0x00280301)).toBe('NO');
  });

  it('list the codes of the options used and the longitudinal state', async () => {
    const policy = policyWith((p) => {
      Object.assign(p.options, {
        retainSafePrivate: true, retainUids: true, retainDeviceIdentity: true, retainInstitutionIdentity: true,
        retainPatientCharacteristics: true, retainLongitudinal: 'modified', cleanDescriptors: true,
        cleanStructuredContent: true, cleanGraphics: true, cleanRecognizableVisualFeatures: true,
      });
    });
    const { dataset } = await deidentifyHeader(await ctSlice(), { policy, secret: SECRET });
    expect(codes(dataset)).toEqual(['113100', '113102', '113103', '113104', '113105', '113107', '113108', '113109', '113110', '113111', '113112']);
    expect(topText(dataset, 0x00280303)).toBe('MODIFIED');
    policy.options.retainLongitudinal = 'full';
    const full = (await deidentifyHeader(await ctSlice(), { policy, secret: SECRET })).dataset;
    expect(codes(full)).toContain('113106');
    expect(topText(full, 0x00280303)).toBe('UNMODIFIED');
  });
});

describe('the engine', () => {
  it('decides Clean Pixel Data per instance: on for the echo loops, off for CT', async () => {
    const files = await syntheticFiles();
    const echo = editableFromBytes(files.find((f) => f.path.startsWith('echo/'))!.bytes);
    expect((await deidentifyHeader(echo, { policy: defaultPolicy(), secret: SECRET })).cleanPixelData.clean).toBe(true);
    expect((await deidentifyHeader(await ctSlice(), { policy: defaultPolicy(), secret: SECRET })).cleanPixelData.clean).toBe(false);
  });

  it('cleans descriptors of this patient\'s identifiers under Clean Descriptors', async () => {
    const input = await ctSlice();
    const family = topText(input, 0x00100010).split('^')[0]!;
    const id = topText(input, 0x00100020);
    input.elements = input.elements.filter((e) => e.tag !== 0x00081030);
    add(input, text(0x00081030, 'LO', `Echo of ${family} id ${id} on 2024-01-02`));
    const policy = policyWith((p) => { p.options.cleanDescriptors = true; });
    const description = topText((await deidentifyHeader(input, { policy, secret: SECRET })).dataset, 0x00081030);
    expect(description).toBe(`Echo of ${'*'.repeat(family.length)} id ${'*'.repeat(id.length)} on **********`);
  });

  it('keeps only listed attributes in safe-list mode (plus structure), pseudonymising the patient', async () => {
    const policy = policyWith((p) => { p.mode = 'safe-list'; p.safeList = ['StudyDescription', 'Manufacturer']; });
    const input = await ctSlice();
    const { dataset, audit } = await deidentifyHeader(input, { policy, secret: SECRET });
    expect(topText(dataset, 0x00081030)).toBe(topText(input, 0x00081030));
    expect(topText(dataset, 0x00080070)).toBe(topText(input, 0x00080070));
    expect(dataset.elements.some((e) => e.tag === 0x00180050)).toBe(false); // SliceThickness, not listed
    expect(topText(dataset, 0x00280010)).toBe(topText(input, 0x00280010)); // Rows
    expect(topText(dataset, 0x00100010)).toMatch(/^ENC-/);
    expect(audit.find((a) => a.keyword === 'SliceThickness')).toEqual({ path: '(0018,0050)', tag: '00180050', keyword: 'SliceThickness', action: 'X', reason: 'not on the safe list' });
  });

  it('writes the pseudonym into PatientName and PatientID unless an override asks for something else', async () => {
    const policy = policyWith((p) => { p.overrides = { PatientName: 'Z', PatientID: 'D' }; });
    const { dataset, pseudonym } = await deidentifyHeader(await ctSlice(), { policy, secret: SECRET });
    expect(dataset.elements.find((e) => e.tag === 0x00100010)?.value?.length).toBe(0);
    expect(topText(dataset, 0x00100020)).toBe('ANONYMIZED');
    expect(pseudonym.pseudonym).toMatch(/^ENC-/);
  });

  it('remaps the meta group and drops its AE titles; the audit holds no values', async () => {
    const input = await ctSlice();
    input.meta.push(text(0x00020016, 'AE', 'SCANNER7'));
    const { dataset, audit } = await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET });
    expect(dataset.meta.some((e) => e.tag === 0x00020016)).toBe(false);
    expect(latin1(dataset.meta.find((e) => e.tag === 0x00020003)?.value)).toBe(topText(dataset, 0x00080018));
    const json = JSON.stringify(audit);
    for (const value of [topText(input, 0x00100010), topText(input, 0x00100020), 'SCANNER7', topText(input, 0x00080018)]) expect(json).not.toContain(value);
    expect(Object.keys(audit[0]!).sort()).toEqual(['action', 'keyword', 'path', 'reason', 'tag']);
  });

  it.skipIf(!corpusAvailable)(`removes overlays unless Clean Graphics ${corpusAvailable ? '' : CORPUS_SKIP}`, async () => {
    const input = corpusEditable('examples_overlay.dcm');
    const overlay = (ds: EditableDataset): EditableElement[] => ds.elements.filter((e) => e.tag >>> 16 >= 0x6000 && e.tag >>> 16 <= 0x60ff);
    expect(overlay(input).length).toBeGreaterThan(3);
    expect(overlay((await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET })).dataset)).toEqual([]);
    const kept = overlay((await deidentifyHeader(input, { policy: policyWith((p) => { p.options.cleanGraphics = true; }), secret: SECRET })).dataset);
    expect(kept.map((e) => e.tag)).toEqual(overlay(input).map((e) => e.tag));
    expect(kept.find((e) => (e.tag & 0xffff) === 0x3000)?.value).toEqual(overlay(input).find((e) => (e.tag & 0xffff) === 0x3000)?.value);
  });
});
