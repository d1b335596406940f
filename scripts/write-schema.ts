// Writes regions/region.schema.json from the zod schema (npm run schema); `contextkaart schema` prints the same text.
import { writeFileSync } from 'node:fs';
import { regionConfigJsonSchemaText } from '../src/config/json-schema.js';

writeFileSync(new URL('../regions/region.schema.json', import.meta.url), regionConfigJsonSchemaText());
console.log('wrote regions/region.schema.json');
