/** The commands a config writer uses: init, validate, lists, schema. Registered by main.ts in this order. */
import type { CliCommand } from '../command.js';
import { initCommand } from './init.js';
import { validateCommand } from './validate.js';
import { gemeentenCommand, indicatorsCommand, wijkenCommand } from './lists.js';
import { schemaCommand } from './schema.js';

export const configCommands: CliCommand[] = [initCommand, validateCommand, gemeentenCommand, wijkenCommand, indicatorsCommand, schemaCommand];
