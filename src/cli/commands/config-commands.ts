/** The commands a config writer uses: validate, lists, init, schema. Registered by main.ts in this order. */
import type { CliCommand } from '../command.js';
import { validateCommand } from './validate.js';
import { indicatorsCommand } from './lists.js';

export const configCommands: CliCommand[] = [validateCommand, indicatorsCommand];
