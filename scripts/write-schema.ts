// Writes regions/region.schema.json from the zod schema (npm run schema).
import { writeFileSync } from 'node:fs';
import { regionConfigJsonSchema } from '../src/config/json-schema.js';

writeFileSync(new URL('../regions/region.schema.json', import.meta.url), `${JSON.stringify(regionConfigJsonSchema(), null, 2)}\n`);
console.log('wrote regions/region.schema.json');
