/**
 * Series codes of single schools, beside gemeente and wijk codes: the readers keep each
 * school's figures under these, so that an area of wijken can sum the schools in it.
 */

/** Series code of one school vestiging (BRIN + 2-digit vestigingsnummer). */
export const schoolCode = (vestiging: string): string => `school:${vestiging}`;
/** Series code of one instelling (4-character BRIN), for figures DUO publishes per instelling. */
export const instellingCode = (brin: string): string => `instelling:${brin}`;
/** Whether a series code is a school's (not a gemeente, wijk or Nederland). */
export const isSchoolCode = (code: string): boolean => code.startsWith('school:') || code.startsWith('instelling:');
