import { deidentifyHeader } from '../../lib/deid/header';
import { serializePart10, toEditable } from '../../lib/dicom/edit';
import type { DeidEngine, EngineInput, EngineOutput } from './engine';

/**
 * The engine the site runs, for the CLI: editable copy → header de-identification → Part 10.
 * Pixel cleaning is not wired here yet: an instance the policy says must have its pixels
 * cleaned comes out as 'not-cleaned', which the CLI treats as a blocking finding (fail-closed).
 */
export function createEngine(): DeidEngine {
  return {
    async deidentify({ parsed, policy, secret, uidCache }: EngineInput): Promise<EngineOutput> {
      const result = await deidentifyHeader(toEditable(parsed), { policy, secret, uidCache, pixelsCleanedOrChecked: false });
      return {
        bytes: serializePart10(result.dataset),
        audit: result.audit,
        pseudonym: result.pseudonym,
        pixels: !parsed.pixelData ? 'none' : result.cleanPixelData.clean ? 'not-cleaned' : 'not-needed',
      };
    },
  };
}
