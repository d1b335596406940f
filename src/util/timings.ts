/** Time spent per pipeline stage in this process, for the benchmark ("where the time goes"). */
export const stageTimes = new Map<string, { ms: number; count: number }>();

export async function timed<T>(stage: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const s = stageTimes.get(stage) ?? { ms: 0, count: 0 };
    s.ms += performance.now() - t0;
    s.count++;
    stageTimes.set(stage, s);
  }
}
