import { ReportError } from '../../src/util/errors.js';

/** The ReportError a call throws; fails when it throws nothing or something else. */
export function thrownReportError(fn: () => unknown): ReportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

/** The ReportError a promise rejects with; fails when it resolves or rejects with something else. */
export async function rejectedReportError(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}
