/**
 * Passphrase encryption of what may persist: the pseudonym map and the project secret
 * (WebCrypto only: PBKDF2-SHA-256 → AES-GCM-256), plus their JSON export files.
 *
 *   const env = await encryptPseudonymMap(entries, passphrase);        // { ciphertext, salt, iv, kdf }
 *   await repo.put(toPseudonymMapRecord(env, projectId));               // store: ciphertext only
 *   const entries = await decryptPseudonymMap(record, passphrase);     // DecryptionFailedError if wrong
 */
export {
  DEFAULT_PBKDF2_ITERATIONS, type EncryptedEnvelope, type StoredEnvelope, type EncryptOptions, type KdfParams, type KdfHash,
} from './envelope';
export { encryptPseudonymMap, decryptPseudonymMap, toPseudonymMapRecord } from './pseudonym-map';
export {
  mergePseudonymEntries, normaliseEntry, patientKey, type PseudonymEntry, type MergeResult, type MergeConflict,
} from './pseudonym-entries';
export {
  envelopeToJson, envelopeFromJson, MAP_FILE_FORMAT, MAP_FILE_VERSION, type EncryptedFile, type EncryptedFileContent,
} from './map-file';
export { generateProjectSecret, wrapProjectSecret, unwrapProjectSecret, PROJECT_SECRET_BYTES } from './project-secret';
export { bytesToBase64, base64ToBytes } from './base64';
