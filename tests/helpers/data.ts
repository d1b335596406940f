import { resolve } from 'node:path';
import { getDataset } from '../../src/pipeline/render-region.js';

/** The real staged data, as CI has it beside the project. */
export const dataDir = resolve(process.env.CONTEXTKAART_DATA ?? resolve(import.meta.dirname, '../../../shared/data'));
export const realDataset = () => getDataset(dataDir);
