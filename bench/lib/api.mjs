// The read side: how many observations the project can query right now, and a trace spot-check.
import http from 'node:http';

function getJson(agent, url, authorization, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: timeoutMs, headers: { authorization, accept: 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

export function createApiClient(apiUrl, authorization) {
  const base = apiUrl.replace(/\/+$/, '');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  return {
    async health() {
      const res = await getJson(agent, `${base}/health`, authorization, 2_000);
      return res.status === 200;
    },
    /** meta.totalItems of GET /observations?page=1&limit=1: observations queryable in the project. */
    async totalObservations() {
      const res = await getJson(agent, `${base}/observations?page=1&limit=1`, authorization);
      const total = res.body?.meta?.totalItems;
      if (res.status !== 200 || typeof total !== 'number') {
        throw new Error(`GET /observations: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      return total;
    },
    async trace(id) {
      return getJson(agent, `${base}/traces/${id}`, authorization);
    },
    close: () => agent.destroy(),
  };
}

/**
 * Polls totalObservations every `intervalMs` (next poll starts `intervalMs` after the previous
 * answer) and records { sent, at, total }: when the request left and when its answer arrived
 * (performance.now()); the count was taken somewhere in between.
 */
export function startPoller(api, intervalMs) {
  const samples = [];
  const pollMs = [];
  let running = true;
  let lastError;
  const done = (async () => {
    while (running) {
      const sent = performance.now();
      try {
        const total = await api.totalObservations();
        const at = performance.now();
        samples.push({ sent, at, total });
        pollMs.push(at - sent);
      } catch (err) {
        lastError = err;
      }
      if (running) await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    samples,
    pollMs,
    get lastError() {
      return lastError;
    },
    latest: () => samples.at(-1)?.total,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Resolves with the first sample time at which total >= target, or undefined after timeoutMs. */
export async function waitForTotal(poller, target, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  let seen = 0;
  while (performance.now() < deadline) {
    for (; seen < poller.samples.length; seen++) {
      if (poller.samples[seen].total >= target) return poller.samples[seen].at;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}
