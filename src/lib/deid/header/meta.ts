import { formatTag, keywordForTag, tagHex } from '../../dicom/parse';
import type { PolicyAction } from '../policy/types';
import type { EditableElement } from './edit-access';
import { clean, remapUids } from './element-actions';
import type { WalkState } from './walk-state';

const MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
/** Source, sending and receiving AE titles: they name a device. */
const AE_TITLES = new Set([0x00020016, 0x00020017, 0x00020018]);
/** Presentation addresses (network locations) and the private information block. */
const ALWAYS_REMOVED = new Set([0x00020026, 0x00020027, 0x00020028, 0x00020100, 0x00020102]);

/**
 * The file meta group: MediaStorageSOPInstanceUID becomes the new SOPInstanceUID (they must be
 * equal), AE titles follow Retain Device Identity, network addresses and private information go;
 * class and transfer syntax UIDs stay.
 */
export function processMeta(meta: readonly EditableElement[], state: WalkState, newSopInstance: EditableElement | undefined): EditableElement[] {
  const out: EditableElement[] = [];
  const record = (el: EditableElement, action: PolicyAction, reason: string): void => {
    state.audit.push({ path: formatTag(el.tag), tag: tagHex(el.tag), keyword: keywordForTag(el.tag) ?? '', action, reason });
  };
  for (const el of meta) {
    if (el.tag === MEDIA_STORAGE_SOP_INSTANCE_UID) {
      const override = state.override(el.tag);
      if (override === 'K' || state.policy.options.retainUids) {
        record(el, 'K', override ? 'policy override' : 'Table E.1-1, Retain UIDs option');
        out.push(el);
      } else {
        record(el, 'U', 'Table E.1-1, Basic profile; equals the new SOPInstanceUID');
        out.push(newSopInstance?.value ? { tag: el.tag, vr: 'UI', value: newSopInstance.value } : remapUids(el, state));
      }
    } else if (AE_TITLES.has(el.tag)) {
      if (state.policy.options.retainDeviceIdentity) {
        record(el, 'C', 'Retain Device Identity option: AE title aliased');
        out.push(clean(el, state));
      } else record(el, 'X', 'AE title names a device');
    } else if (ALWAYS_REMOVED.has(el.tag)) {
      record(el, 'X', 'network address or private information');
    } else out.push(el);
  }
  return out;
}
