/** Options several command modules share. Free of heavy imports (schema.ts pulls in zod): every builder reads it. */
import type { Edition } from '../config/schema.js';

/** The editions of src/config/schema.ts; the type check below fails if the two lists part. */
const editionChoices = ['kort', 'volledig'] as const satisfies readonly Edition[];
const everyEdition: Exclude<Edition, (typeof editionChoices)[number]> extends never ? true : never = true;
void everyEdition;

/** --edition on render, batch and preview. */
export const editionOption = {
  choices: editionChoices,
  describe: 'kort: the short edition a meeting reads; volledig: every figure, table and definition',
  defaultDescription: "the config's edition, else kort",
} as const;

/** --json on commands that report: results on stdout, logs stay on stderr. */
export const jsonOption = (describe: string) => ({ type: 'boolean', default: false, describe }) as const;

/** One JSON object per line on stdout (NDJSON). */
export const jsonLine = (stdout: (s: string) => void, value: unknown): void => stdout(`${JSON.stringify(value)}\n`);
