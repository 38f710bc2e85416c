import type { AuthenticatedProject } from '../../auth/types.js';
import type { ExportMetricsPartialSuccess, ExportMetricsServiceRequest } from '../../otlp/types.js';
import { storeBatch, type ExportDeps } from './export.js';
import { mapMetricsRequest } from './map-metrics.js';

/** The write path of a metrics request: one `metric-points` batch, acknowledged once durable. */
export async function exportMetrics(
  request: ExportMetricsServiceRequest,
  project: AuthenticatedProject,
  deps: ExportDeps,
): Promise<ExportMetricsPartialSuccess | undefined> {
  const receivedAt = Date.now();
  const mapped = mapMetricsRequest(request, project.projectId, receivedAt);
  await storeBatch('metric-points', mapped.points, project, receivedAt, deps);
  if (mapped.rejectedDataPoints === 0) return undefined;
  return { rejectedDataPoints: mapped.rejectedDataPoints, errorMessage: mapped.errorMessage };
}
