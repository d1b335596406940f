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
