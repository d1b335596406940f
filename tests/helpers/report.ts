import { parseRegionConfig } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { selectReportData, type ReportData } from '../../src/data/select.js';
import { realDataset } from './data.js';

/** ReportData for a config given as YAML text (file name only for messages). */
export async function reportFor(yaml: string, file = 'tests/fixtures/inline.yaml'): Promise<ReportData> {
  return selectReportData(await resolveRegionConfig(parseRegionConfig(yaml, file)), await realDataset());
}
