import { describeAttribute, overrideExposure, safeListExposure } from './attribute-info';
import type { DeidPolicy } from './types';

/** One protection that is off, in words a person can weigh. */
export interface PolicyRisk {
  field: string;
  exposes: string;
}

/**
 * What each turned-off protection (or turned-on retain option) lets through, for the UI and
 * the CLI to show before a run. An empty list means the policy is the safe default.
 */
export function describePolicyRisks(policy: DeidPolicy): PolicyRisk[] {
  const o = policy.options;
  const risks: PolicyRisk[] = [];
  const add = (field: string, exposes: string): void => void risks.push({ field, exposes });
  if (o.retainSafePrivate) add('options.retainSafePrivate', 'Private attributes on the private safe list are kept; a wrongly listed vendor attribute can carry identifiers.');
  if (o.retainUids) add('options.retainUids', 'Original UIDs are kept: they can be traced back to the hospital\'s archive and often embed dates or device serial numbers.');
  if (o.retainDeviceIdentity) add('options.retainDeviceIdentity', 'Station names, device serial numbers and AE titles are kept: they identify the scanner and so the site.');
  if (o.retainInstitutionIdentity) add('options.retainInstitutionIdentity', 'Institution name, address and department are kept: they narrow down where the patient was seen.');
  if (o.retainPatientCharacteristics) add('options.retainPatientCharacteristics', 'Sex, age, size, weight and similar are kept: combined with other data they can single out a patient.');
  if (o.retainLongitudinal === 'full') add('options.retainLongitudinal', 'Real dates and times are kept: a scan date is an identifier under HIPAA.');
  if (o.retainLongitudinal === 'modified') add('options.retainLongitudinal', 'Dates are kept shifted by a per-patient offset: intervals between studies are real and exact.');
  if (o.cleanDescriptors) add('options.cleanDescriptors', 'Descriptions and comments are kept after removing the identifiers found in the header; free text can still name people or places in other words.');
  if (o.cleanStructuredContent) add('options.cleanStructuredContent', 'Structured report content is kept after cleaning; free-text findings can still hold identifiers.');
  if (o.cleanGraphics) add('options.cleanGraphics', 'Overlays, curves and graphic annotations are kept; overlay bitmaps are not inspected and can contain burned-in text.');
  if (o.cleanPixelData === 'off') add('options.cleanPixelData', 'Pixels are not cleaned: names, IDs and dates burned into ultrasound, secondary capture and other images stay visible.');
  if (policy.mode === 'safe-list') add('mode', 'Only the safe-listed attributes are kept with their values; a listed attribute that holds an identifier is kept as it is.');
  if (policy.mode === 'safe-list') {
    for (const key of policy.safeList ?? []) {
      const info = describeAttribute(key);
      const exposes = info && safeListExposure(info, o.retainUids);
      if (exposes) add(`safeList.${key}`, exposes);
    }
  }
  for (const [key, action] of Object.entries(policy.overrides)) {
    const info = describeAttribute(key);
    // A key the dictionary does not know cannot be checked: say so rather than stay silent.
    if (!info) {
      if (action === 'K' || action === 'C') add(`overrides.${key}`, `${key} is ${action === 'K' ? 'kept as it is' : 'only cleaned'}, whatever the profile says.`);
      continue;
    }
    const exposes = overrideExposure(info, action);
    if (exposes) add(`overrides.${key}`, exposes);
  }
  if (policy.pixelRules && !policy.pixelRules.useDefaultRules) {
    add('pixelRules.useDefaultRules', 'The built-in device rules are off: the banners of known ultrasound devices are found only by detection and OCR.');
  }
  if (!policy.hipaaAgeOver89) add('hipaaAgeOver89', 'Ages above 89 are kept exactly; HIPAA Safe Harbor requires them grouped as 90 or over.');
  if (policy.dateShift.minDays === 0 && policy.dateShift.maxDays === 0 && o.retainLongitudinal === 'modified') {
    add('dateShift', 'The date shift range is zero: "modified" dates are the real dates.');
  }
  return risks;
}
