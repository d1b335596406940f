/** Why a table could not be taken: the URL and what was wrong. The runner adds which table. */
export class TableProblem extends Error {
  constructor(
    readonly url: string,
    readonly problem: string,
    readonly kind: 'failed' | 'invalid' | 'not-published' = 'invalid',
  ) {
    super(`${url}: ${problem}`);
    this.name = 'TableProblem';
  }
}
