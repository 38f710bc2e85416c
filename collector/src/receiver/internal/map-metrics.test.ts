import { describe, expect, it } from 'vitest';
import { mapMetricsRequest } from './map-metrics.js';

const T = '1767225600000000000';

describe('mapMetricsRequest', () => {
  it('maps sums, gauges and histograms to one row per point, and rejects points without a time', () => {
    const out = mapMetricsRequest(
      {
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'app' } }] },
            scopeMetrics: [
              {
                scope: { name: 'genai' },
                metrics: [
                  {
                    name: 'gen_ai.client.token.usage',
                    unit: '{token}',
                    histogram: {
                      aggregationTemporality: 2,
                      dataPoints: [
                        {
                          attributes: [{ key: 'gen_ai.token.type', value: { stringValue: 'input' } }],
                          startTimeUnixNano: T,
                          timeUnixNano: T,
                          count: '2',
                          sum: 30,
                          bucketCounts: ['1', '1'],
                          explicitBounds: [10],
                        },
                      ],
                    },
                  },
                  { name: 'requests', sum: { aggregationTemporality: 1, dataPoints: [{ startTimeUnixNano: T, timeUnixNano: T, asInt: '3' }] } },
                  { name: 'load', gauge: { dataPoints: [{ startTimeUnixNano: '0', timeUnixNano: T, asDouble: 0.5 }, { startTimeUnixNano: '0', timeUnixNano: '0', asDouble: 1 }] } },
                ],
              },
            ],
          },
        ],
      },
      'p1',
      Date.UTC(2026, 0, 1),
    );
    expect(out.rejectedDataPoints).toBe(1);
    expect(out.errorMessage).toMatch(/time_unix_nano/);
    expect(out.points.map((p) => [p.name, p.type, p.temporality, p.value, p.count, p.sum, p.bucket_counts, p.attributes])).toEqual([
      ['gen_ai.client.token.usage', 'histogram', 'cumulative', null, 2, 30, [1, 1], { 'gen_ai.token.type': 'input' }],
      ['requests', 'sum', 'delta', 3, null, null, [], {}],
      ['load', 'gauge', '', 0.5, null, null, [], {}],
    ]);
    expect(out.points[0]).toMatchObject({ project_id: 'p1', unit: '{token}', scope_name: 'genai', resource_attributes: { 'service.name': 'app' } });
    expect(out.points[2]!.start_time).toBe(out.points[2]!.time);
  });
});
