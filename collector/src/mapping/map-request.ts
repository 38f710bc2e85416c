import type { ObservationRow } from '../batch/index.js';
import type { ExportTraceServiceRequest } from '../otlp/types.js';
import { flattenAttributes } from './attributes.js';
import { mapSpan } from './map-span.js';
import type { RowContext, ScopeContext } from './map-span.js';
import { metadataTail } from './metadata.js';
import { millisToDateTime64 } from './time.js';
import { DEFAULT_MAX_FIELD_BYTES } from './truncate.js';

export interface MapResult {
  rows: ObservationRow[];
  /** Spans that could not become an observation (OTLP partial_success.rejected_spans). */
  rejectedSpans: number;
  /** The first few rejection reasons, '' when nothing was rejected (partial_success.error_message). */
  errorMessage: string;
  /** Spans deliberately not stored (e.g. Logfire pending-span markers); not an error. */
  skippedSpans: number;
  /** Attribute values and columns cut to `maxFieldBytes` (each is named in its row's metadata.truncated). */
  truncatedValues: number;
}

export interface MapContext {
  projectId: string;
  /** Unix milliseconds of the request's receipt. */
  receivedAt: number;
  /** Size limit of one attribute value or JSON column in UTF-8 bytes; default 1 MiB. */
  maxFieldBytes?: number;
}

const MAX_REASONS = 3;

/** Shown ids/names are user input: keep them short in the message. */
function clip(text: string | undefined): string {
  const value = text ?? '';
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

/** Maps every span of an OTLP export request to an observation row; invalid spans are counted, not thrown. */
export function mapTraceRequest(request: ExportTraceServiceRequest, context: MapContext): MapResult {
  const rows: ObservationRow[] = [];
  const reasons: string[] = [];
  let rejectedSpans = 0;
  let skippedSpans = 0;
  let truncatedValues = 0;
  const rowContext: RowContext = {
    projectId: context.projectId,
    eventTs: millisToDateTime64(context.receivedAt),
    maxFieldBytes: context.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
  };

  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = flattenAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope: ScopeContext = {
        resource,
        scope: { name: scopeSpans.scope?.name ?? '', version: scopeSpans.scope?.version ?? '' },
        metadataTail: metadataTail(resource, scopeSpans.scope),
      };
      for (const span of scopeSpans.spans ?? []) {
        const truncated: string[] = [];
        const result = mapSpan(span, scope, rowContext, truncated);
        truncatedValues += truncated.length;
        if ('skipped' in result) {
          skippedSpans++;
        } else if ('reason' in result) {
          rejectedSpans++;
          if (reasons.length < MAX_REASONS) {
            reasons.push(`span ${clip(span.spanId)} "${clip(span.name)}": ${result.reason}`);
          }
        } else {
          rows.push(result);
        }
      }
    }
  }

  const more = rejectedSpans > reasons.length ? '; …' : '';
  const errorMessage =
    rejectedSpans === 0 ? '' : `${rejectedSpans} span(s) rejected: ${reasons.join('; ')}${more}`;
  return { rows, rejectedSpans, errorMessage, skippedSpans, truncatedValues };
}
