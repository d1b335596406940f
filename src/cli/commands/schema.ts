/** `schema`: the JSON Schema of a region config, generated from the zod schema (the one init's configs point at). */
import type { CliCommand } from '../command.js';
import { hideGlobals } from '../options.js';

export const schemaCommand: CliCommand = ({ io }) => ({
  command: 'schema',
  describe: 'Print the JSON Schema of a region config (for editors: `contextkaart schema > region.schema.json`)',
  builder: (y) => hideGlobals(y, ['browser', 'allow-outside-files']).example('$0 schema > region.schema.json', 'a copy beside your configs'),
  handler: async () => {
    const { regionConfigJsonSchemaText } = await import('../../config/json-schema.js');
    io.stdout(regionConfigJsonSchemaText());
  },
});
