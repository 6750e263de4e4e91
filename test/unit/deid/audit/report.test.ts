import { describe, expect, it } from 'vitest';
import {
  auditEntriesCsv, auditJson, auditSummaryCsv, buildAuditReport, deidOutputPath, type AuditFileInput,
} from '../../../../src/lib/deid/audit';

const FILES: AuditFileInput[] = [
  {
    file: 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm',
    entries: [
      { path: '(0010,0010)', tag: '00100010', keyword: 'PatientName', action: 'Z', reason: 'Table E.1-1, Basic profile' },
      { path: '(0008,0018)', tag: '00080018', keyword: 'SOPInstanceUID', action: 'U', reason: 'Table E.1-1, Basic profile' },
      { path: '(0033,1012)[0]/(0010,0020)', tag: '00100020', keyword: 'PatientID', action: 'X', reason: '=private, not on the safe list' },
    ],
    pixels: 'cleaned',
    leftover: { errors: 0, warnings: 1 },
  },
  { file: '#2', entries: [], pixels: 'none', leftover: { errors: 0, warnings: 0 }, failure: 'DicomParseError' },
];
const report = buildAuditReport(FILES, { createdAt: new Date(Date.UTC(2026, 10, 27)), policy: { profile: 'basic' } });

describe('audit report', () => {
  it('writes one CSV row per file and attribute, formula-guarded', () => {
    expect(auditEntriesCsv(report)).toBe(
      'file,element_path,tag,keyword,action,reason\r\n'
      + 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm,"(0010,0010)",00100010,PatientName,Z,"Table E.1-1, Basic profile"\r\n'
      + 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm,"(0008,0018)",00080018,SOPInstanceUID,U,"Table E.1-1, Basic profile"\r\n'
      + 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm,"(0033,1012)[0]/(0010,0020)",00100020,PatientID,X,"\'=private, not on the safe list"\r\n',
    );
  });

  it('writes one summary row per file: counts per action, pixels, leftovers, failure', () => {
    expect(auditSummaryCsv(report)).toBe(
      'file,action_D,action_Z,action_X,action_K,action_C,action_U,attributes,pixels,leftover_errors,leftover_warnings,failure\r\n'
      + 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm,0,1,1,0,0,1,3,cleaned,0,1,\r\n'
      + '#2,0,0,0,0,0,0,0,none,0,0,DicomParseError\r\n',
    );
  });

  it('writes JSON with a format marker, summaries and entries', () => {
    const doc = JSON.parse(auditJson(report)) as typeof report;
    expect(doc.format).toBe('enclave-deid-audit');
    expect(doc.version).toBe(1);
    expect(doc.createdAt).toBe('2026-11-27T00:00:00.000Z');
    expect(doc.files[0]!.summary).toEqual({
      file: 'ENC-AAAA/2.25.1/2.25.2/2.25.3.dcm', counts: { D: 0, Z: 1, X: 1, K: 0, C: 0, U: 1 }, attributes: 3,
      pixels: 'cleaned', leftoverErrors: 0, leftoverWarnings: 1, failure: null,
    });
    expect(doc.files[0]!.entries[2]).toEqual(FILES[0]!.entries[2]);
  });

  it('keeps only the five audit fields of an entry', () => {
    const leaky = { path: '(0010,0010)', tag: '00100010', keyword: 'PatientName', action: 'Z' as const, reason: 'r', value: 'DOE^JOHN' };
    const r = buildAuditReport([{ file: 'x.dcm', entries: [leaky], pixels: 'none', leftover: { errors: 0, warnings: 0 } }]);
    expect(auditJson(r).includes('DOE')).toBe(false);
  });
});

describe('output path', () => {
  it('is pseudonym/study/series/instance.dcm with unsafe characters replaced', () => {
    expect(deidOutputPath({ pseudonym: 'ENC-AB', studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', sopInstanceUid: '2.25.3' }))
      .toBe('ENC-AB/2.25.1/2.25.2/2.25.3.dcm');
    expect(deidOutputPath({ pseudonym: '../x y', studyInstanceUid: '', seriesInstanceUid: '1/2', sopInstanceUid: '..' }))
      .toBe('__x_y/unknown-study/1_2/_.dcm');
  });
});
