import { EnclaveError } from '../../jobs';
import { attributeKeyToTag } from './attribute-key';
import { validatePixelRules } from './pixel-rules';
import type { DeidPolicy, PrivateSafeEntry } from './types';

const BOOLEAN_OPTIONS = [
  'retainSafePrivate', 'retainUids', 'retainDeviceIdentity', 'retainInstitutionIdentity',
  'retainPatientCharacteristics', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics',
  'cleanRecognizableVisualFeatures',
] as const;
const ACTIONS = ['D', 'Z', 'X', 'K', 'C', 'U'];
/** Shifts beyond about 100 years would push real dates out of the DA range. */
const MAX_SHIFT_DAYS = 36_500;

function fail(field: string, problem: string): never {
  throw new EnclaveError('DeidPolicyError', `De-identification policy: "${field}" ${problem}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function validInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_SHIFT_DAYS) {
    fail(field, `must be a whole number of days between -${MAX_SHIFT_DAYS} and ${MAX_SHIFT_DAYS}`);
  }
  return value;
}

function validPrivateEntry(value: unknown, field: string): PrivateSafeEntry {
  if (!isRecord(value)) fail(field, 'must be an object { creator, group, element }');
  if (typeof value.creator !== 'string' || value.creator.trim() === '') fail(`${field}.creator`, 'must be a non-empty string');
  const group = value.group;
  if (typeof group !== 'number' || !Number.isInteger(group) || group % 2 === 0 || group < 0x9 || group > 0xffff) {
    fail(`${field}.group`, 'must be an odd (private) group number, e.g. 25 for 0x0019');
  }
  const element = value.element;
  if (typeof element !== 'number' || !Number.isInteger(element) || element < 0 || element > 0xff) {
    fail(`${field}.element`, 'must be the element within the block, 0 to 255');
  }
  if (value.keyword !== undefined && typeof value.keyword !== 'string') fail(`${field}.keyword`, 'must be a string');
  const entry: PrivateSafeEntry = { creator: value.creator, group, element };
  if (typeof value.keyword === 'string') entry.keyword = value.keyword;
  return entry;
}

/**
 * Checks a policy read from JSON and returns it typed; throws a DeidPolicyError whose message
 * names the first bad field. Nothing is filled in silently: a policy file says everything.
 */
export function validatePolicy(input: unknown): DeidPolicy {
  if (!isRecord(input)) fail('policy', 'must be a JSON object');
  if (input.version !== 1) fail('version', `must be 1 (got ${JSON.stringify(input.version)})`);
  if (input.profile !== 'basic') fail('profile', `must be 'basic' (got ${JSON.stringify(input.profile)})`);
  const options = input.options;
  if (!isRecord(options)) fail('options', 'must be an object');
  for (const name of BOOLEAN_OPTIONS) {
    if (typeof options[name] !== 'boolean') fail(`options.${name}`, 'must be true or false');
  }
  const retainLongitudinal = oneOf(options.retainLongitudinal, ['off', 'full', 'modified'], 'options.retainLongitudinal');
  const cleanPixelData = oneOf(options.cleanPixelData, ['auto', 'on', 'off'], 'options.cleanPixelData');
  const mode = oneOf(input.mode, ['profile', 'safe-list'], 'mode');
  let safeList: string[] | undefined;
  if (input.safeList !== undefined) {
    if (!Array.isArray(input.safeList)) fail('safeList', 'must be an array of keywords or tags');
    safeList = input.safeList.map((key: unknown, i) => {
      if (typeof key !== 'string' || attributeKeyToTag(key) === undefined) fail(`safeList[${i}]`, `is not a known keyword or a tag (got ${JSON.stringify(key)})`);
      return key;
    });
  }
  if (mode === 'safe-list' && safeList === undefined) fail('safeList', "is required when mode is 'safe-list'");
  if (!isRecord(input.overrides)) fail('overrides', 'must be an object of attribute → action');
  const overrides: DeidPolicy['overrides'] = {};
  for (const [key, action] of Object.entries(input.overrides)) {
    if (attributeKeyToTag(key) === undefined) fail(`overrides.${key}`, 'is not a known keyword or a tag');
    overrides[key] = oneOf(action, ACTIONS as readonly ('D' | 'Z' | 'X' | 'K' | 'C' | 'U')[], `overrides.${key}`);
  }
  const dateShift = input.dateShift;
  if (!isRecord(dateShift)) fail('dateShift', 'must be an object { minDays, maxDays }');
  const minDays = validInteger(dateShift.minDays, 'dateShift.minDays');
  const maxDays = validInteger(dateShift.maxDays, 'dateShift.maxDays');
  if (minDays > maxDays) fail('dateShift.minDays', 'must not be greater than dateShift.maxDays');
  if (typeof input.hipaaAgeOver89 !== 'boolean') fail('hipaaAgeOver89', 'must be true or false');
  let privateSafeList: PrivateSafeEntry[] | undefined;
  if (input.privateSafeList !== undefined) {
    if (!Array.isArray(input.privateSafeList)) fail('privateSafeList', 'must be an array');
    privateSafeList = input.privateSafeList.map((entry: unknown, i) => validPrivateEntry(entry, `privateSafeList[${i}]`));
  }
  const policy: DeidPolicy = {
    version: 1,
    profile: 'basic',
    options: {
      retainSafePrivate: options.retainSafePrivate as boolean,
      retainUids: options.retainUids as boolean,
      retainDeviceIdentity: options.retainDeviceIdentity as boolean,
      retainInstitutionIdentity: options.retainInstitutionIdentity as boolean,
      retainPatientCharacteristics: options.retainPatientCharacteristics as boolean,
      retainLongitudinal,
      cleanDescriptors: options.cleanDescriptors as boolean,
      cleanStructuredContent: options.cleanStructuredContent as boolean,
      cleanGraphics: options.cleanGraphics as boolean,
      cleanPixelData,
      cleanRecognizableVisualFeatures: options.cleanRecognizableVisualFeatures as boolean,
    },
    mode,
    overrides,
    dateShift: { minDays, maxDays },
    hipaaAgeOver89: input.hipaaAgeOver89,
  };
  if (safeList) policy.safeList = safeList;
  if (privateSafeList) policy.privateSafeList = privateSafeList;
  if (input.pixelRules !== undefined) policy.pixelRules = validatePixelRules(input.pixelRules, fail);
  return policy;
}
