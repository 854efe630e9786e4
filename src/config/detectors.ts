import { z } from 'zod';
import { BadInputError } from '../errors.ts';
import { issuePath } from '../zod-errors.ts';

/** Each detector's options schema by detector id (`detectorOptionSchemas()` in detectors/run.ts). */
export type DetectorOptionSchemas = ReadonlyMap<string, z.ZodType>;

/**
 * Checks the `detectors:` section of a config (`{ <detector id>: { <option>: value } }`) against
 * each detector's own zod options schema: an unknown detector id, or an option a detector does
 * not take or with a wrong value, is BAD_CONFIG naming the file and the field
 * (`govapp.yaml: detectors.unit-name.minOcrConfidence: …`). The core cannot know the detectors,
 * so their schemas are given by the caller.
 */
export function checkDetectorOptions(file: string, section: Readonly<Record<string, unknown>>, schemas: DetectorOptionSchemas): void {
  for (const [id, options] of Object.entries(section)) {
    const schema = schemas.get(id);
    if (!schema) throw new BadInputError('BAD_CONFIG', `${file}: detectors.${id}: no detector "${id}" (detectors: ${[...schemas.keys()].join(', ')})`);
    // A misspelt option would otherwise be dropped without a word.
    const parsed = (schema instanceof z.ZodObject ? schema.strict() : schema).safeParse(options ?? {});
    if (parsed.success) continue;
    const issue = parsed.error.issues[0];
    throw new BadInputError('BAD_CONFIG', `${file}: ${issuePath(['detectors', id, ...issue.path])}: ${issue.message}`);
  }
}
