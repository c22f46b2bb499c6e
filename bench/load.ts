import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  /** Answers with a 2xx status. */
  ok: number;
  /** Answers with another status, plus connection errors and timeouts. */
  failed: number;
  seconds: number;
  /** Latencies of the 2xx answers, in ms. */
  p50: number;
  p95: number;
}

export interface LoadOptions {
  url: string;
  authorization: string;
  connections: number;
  /** Run this long... */
  seconds?: number;
  /** ...or until this many requests have been answered. */
  requests?: number;
  method: 'GET' | 'POST';
  /** Builds each request's path and body; called once per request. */
  next(): { path: string; body?: string };
  /** Called on every answer, e.g. to report progress. */
  onAnswer?(statusCode: number): void;
  /** Stops the run early once this many ms have passed. */
  limitMs?: number;
}

/**
 * Runs autocannon against the LRS with a fresh request body for every
 * request, and answers the throughput and the latency percentiles of the
 * successful answers (autocannon's own summary has no p95).
 */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: options.url,
        // autocannon refuses more connections than requests.
        connections: Math.min(options.connections, options.requests ?? options.connections),
        pipelining: 1,
        timeout: 60,
        ...(options.requests !== undefined ? { amount: options.requests } : { duration: options.seconds ?? 10 }),
        headers: {
          authorization: options.authorization,
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
        },
        requests: [
          {
            method: options.method,
            setupRequest: (request) => ({ ...request, ...options.next() }),
          },
        ],
      },
      (error, result) => {
        clearTimeout(limit);
        if (error) {
          reject(error);
          return;
        }
        latencies.sort((a, b) => a - b);
        const ok = result['2xx'];
        resolve({
          ok,
          failed: result.non2xx + result.errors + result.timeouts,
          seconds: (result.finish.getTime() - result.start.getTime()) / 1000,
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
        });
      },
    );
    const limit = options.limitMs === undefined ? undefined : setTimeout(() => instance.stop(), options.limitMs);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      options.onAnswer?.(statusCode);
    });
  });
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}
