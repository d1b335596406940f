import { z } from 'zod';
import { RegionConfig } from './schema.js';

/** JSON Schema of the region config for editors (input shape: defaults may be omitted). */
export function regionConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RegionConfig, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://contextkaart/region.schema.json',
    title: 'contextkaart region config',
  };
}

/** The schema as shipped in regions/region.schema.json (scripts/write-schema.ts) and printed by `contextkaart schema`. */
export function regionConfigJsonSchemaText(): string {
  return `${JSON.stringify(regionConfigJsonSchema(), null, 2)}\n`;
}
