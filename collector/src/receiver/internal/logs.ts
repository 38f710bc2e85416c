import type { AuthenticatedProject } from '../../auth/types.js';
import { mapLogsRequest } from '../../mapping/logs/index.js';
import type { ExportLogsPartialSuccess, ExportLogsServiceRequest } from '../../otlp/types.js';
import { storeBatch, type ExportDeps } from './export.js';

/**
 * The write path of a logs request: EVENT observations go out as an `observations` batch, GenAI
 * content events as a `log-events` batch; acknowledged once both are durable.
 */
export async function exportLogs(
  request: ExportLogsServiceRequest,
  project: AuthenticatedProject,
  deps: ExportDeps,
): Promise<ExportLogsPartialSuccess | undefined> {
  const receivedAt = Date.now();
  const mapped = mapLogsRequest(request, { projectId: project.projectId, receivedAt });
  await storeBatch('observations', mapped.observations, project, receivedAt, deps);
  await storeBatch('log-events', mapped.logEvents, project, receivedAt, deps);
  if (mapped.rejectedLogRecords === 0) return undefined;
  return { rejectedLogRecords: mapped.rejectedLogRecords, errorMessage: mapped.errorMessage };
}
