import type { DeidPolicy, PrivateSafeEntry } from './types';

/**
 * Private attributes that vendors document as technical, from the examples of PS3.15 Table
 * E.3.10-1 (diffusion b-values and directions). Kept only under Retain Safe Private.
 */
export const DEFAULT_PRIVATE_SAFE_LIST: readonly PrivateSafeEntry[] = [
  { creator: 'SIEMENS MR HEADER', group: 0x0019, element: 0x0c, keyword: 'B_value' },
  { creator: 'SIEMENS MR HEADER', group: 0x0019, element: 0x0d, keyword: 'DiffusionDirectionality' },
  { creator: 'SIEMENS MR HEADER', group: 0x0019, element: 0x0e, keyword: 'DiffusionGradientDirection' },
  { creator: 'SIEMENS MR HEADER', group: 0x0019, element: 0x27, keyword: 'B_matrix' },
  { creator: 'GEMS_PARM_01', group: 0x0043, element: 0x39, keyword: 'SlopInt6To9' },
  { creator: 'Philips Imaging DD 001', group: 0x2001, element: 0x03, keyword: 'DiffusionBFactor' },
];

/**
 * The safe policy, in the app and the CLI alike: the Basic profile with no retain option,
 * Clean Pixel Data on wherever burned-in text is possible, dates removed or emptied as the
 * table says, ages over 89 capped.
 */
export function defaultPolicy(): DeidPolicy {
  return {
    version: 1,
    profile: 'basic',
    options: {
      retainSafePrivate: false,
      retainUids: false,
      retainDeviceIdentity: false,
      retainInstitutionIdentity: false,
      retainPatientCharacteristics: false,
      retainLongitudinal: 'off',
      cleanDescriptors: false,
      cleanStructuredContent: false,
      cleanGraphics: false,
      cleanPixelData: 'auto',
      cleanRecognizableVisualFeatures: false,
    },
    mode: 'profile',
    overrides: {},
    dateShift: { minDays: -365, maxDays: -1 },
    hipaaAgeOver89: true,
  };
}
