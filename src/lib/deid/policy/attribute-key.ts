import { parseTag, tagForKeyword } from '../../dicom/parse';

/** A keyword ("StudyDescription") or a tag ("00081030", "(0008,1030)") as a tag number; undefined when neither. */
export function attributeKeyToTag(key: string): number | undefined {
  return parseTag(key) ?? tagForKeyword(key.trim());
}
