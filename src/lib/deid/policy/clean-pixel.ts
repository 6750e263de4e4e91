import type { DeidPolicy } from './types';

/** What decides whether an instance's pixels must be cleaned. */
export interface PixelRiskInfo {
  modality?: string;
  sopClassUid?: string;
  /** BurnedInAnnotation (0028,0301) as written, undefined when absent. */
  burnedInAnnotation?: string;
}

export interface CleanPixelDecision {
  clean: boolean;
  reason: string;
}

/** Modalities whose images often carry burned-in text: ultrasound, angio/fluoro, endoscopy, photographs. */
const RISKY_MODALITIES = new Set(['US', 'XA', 'RF', 'ES', 'XC', 'GM', 'OP', 'SC']);

/** SOP classes with the same risk: secondary capture (all kinds), US, XA/RF, VL (endoscopy, photography, microscopy). */
const RISKY_SOP_CLASS_PREFIXES = [
  '1.2.840.10008.5.1.4.1.1.7', // Secondary Capture and the multi-frame SC classes (.7.1–.7.4)
  '1.2.840.10008.5.1.4.1.1.6', '1.2.840.10008.5.1.4.1.1.3', // US image, US multi-frame (current and retired)
  '1.2.840.10008.5.1.4.1.1.12', // XA, RF, enhanced and 3D angiography
  '1.2.840.10008.5.1.4.1.1.77.1', // VL endoscopic, microscopic, photographic, ophthalmic photography
];

function isRiskySopClass(uid: string): boolean {
  // A prefix matches itself and its children, so ".7" does not match ".77.1".
  return RISKY_SOP_CLASS_PREFIXES.some((prefix) => uid === prefix || uid.startsWith(`${prefix}.`));
}

/**
 * Clean Pixel Data for one instance. 'auto' (the default) is on for every instance that has
 * burned-in text (BurnedInAnnotation YES) or may have it (the attribute absent on the risky
 * modalities and SOP classes above); an explicit NO is believed, as the standard intends.
 */
export function decideCleanPixelData(info: PixelRiskInfo, policy: DeidPolicy): CleanPixelDecision {
  const mode = policy.options.cleanPixelData;
  if (mode === 'on') return { clean: true, reason: 'Clean Pixel Data is on for every instance.' };
  if (mode === 'off') return { clean: false, reason: 'Clean Pixel Data is off in the policy.' };
  const burned = info.burnedInAnnotation?.trim().toUpperCase();
  if (burned === 'YES') return { clean: true, reason: 'BurnedInAnnotation is YES.' };
  if (burned === 'NO') return { clean: false, reason: 'BurnedInAnnotation is NO.' };
  const modality = info.modality?.trim().toUpperCase() ?? '';
  if (RISKY_MODALITIES.has(modality)) return { clean: true, reason: `BurnedInAnnotation is absent and modality ${modality} often has burned-in text.` };
  if (info.sopClassUid && isRiskySopClass(info.sopClassUid)) {
    return { clean: true, reason: 'BurnedInAnnotation is absent and the SOP class (secondary capture, ultrasound, XA/RF or visible light) often has burned-in text.' };
  }
  return { clean: false, reason: `BurnedInAnnotation is absent and modality ${modality || '(none)'} rarely has burned-in text.` };
}
