import type { EditableElement } from '../../../../src/lib/dicom/edit';
import { isValidTm, shiftDa, shiftDt } from '../../../../src/lib/deid/header';
import { latin1 } from './fixtures';

/** Whether an element's value is valid for its VR (the checks a dummy or cleaned value must pass). */
export function validForVr(el: EditableElement): boolean {
  if (el.vr === 'SQ') return Array.isArray(el.items);
  const text = latin1(el.value);
  if (text === '') return true; // an empty value is valid for every VR (whether it may be empty is another check)
  const values = text.split('\\');
  switch (el.vr) {
    case 'DA': return values.every((v) => shiftDa(v, 0) !== undefined);
    case 'DT': return values.every((v) => shiftDt(v, 0) !== undefined);
    case 'TM': return values.every(isValidTm);
    case 'IS': return values.every((v) => /^\s*[+-]?\d+\s*$/.test(v));
    case 'DS': return values.every((v) => /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v));
    case 'AS': return values.every((v) => /^\d{3}[DWMY]$/.test(v));
    case 'UI': return values.every((v) => /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(v) && v.length <= 64);
    case 'CS': return values.every((v) => /^[A-Z0-9 _]{0,16}$/.test(v));
    case 'AE': case 'SH': return values.every((v) => v.length <= 16);
    case 'LO': case 'PN': return values.every((v) => v.length <= 64);
    default: return true;
  }
}
