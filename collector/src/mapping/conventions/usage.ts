import type { SpanView } from '../span-view.js';
import { count } from './helpers.js';

/**
 * One usage map for every convention. Conventions name their attributes per slot (first present
 * alias wins, aliases are never added up); the slots are then turned into Langfuse's disjoint usage
 * keys, so that summing every `input*` key gives the full input (what Langfuse and our API do):
 *
 *   input                 = input − cache read − cache creation − audio/image/video input (never < 0)
 *   input_cached_tokens   = cache read          input_cache_creation = cache creation
 *   input_{audio,image,video}_tokens            per-modality input
 *   output                = output − reasoning − audio output (never < 0)
 *   output_reasoning_tokens, output_audio_tokens
 *   total                 = the given total; the core sums the keys when none is given
 *
 * Breakdown slots that are 0 are left out (they add nothing).
 */

export const USAGE_SLOTS = [
  'input',
  'output',
  'total',
  'cacheRead',
  'cacheCreation',
  'reasoning',
  'inputAudio',
  'inputImage',
  'inputVideo',
  'outputAudio',
] as const;
export type UsageSlot = (typeof USAGE_SLOTS)[number];
export type UsageSlots = Partial<Record<UsageSlot, number>>;
export type UsageTable = Partial<Record<UsageSlot, readonly string[]>>;

const INPUT_PARTS: readonly (readonly [UsageSlot, string])[] = [
  ['cacheRead', 'input_cached_tokens'],
  ['cacheCreation', 'input_cache_creation'],
  ['inputAudio', 'input_audio_tokens'],
  ['inputImage', 'input_image_tokens'],
  ['inputVideo', 'input_video_tokens'],
];
const OUTPUT_PARTS: readonly (readonly [UsageSlot, string])[] = [
  ['reasoning', 'output_reasoning_tokens'],
  ['outputAudio', 'output_audio_tokens'],
];

function split(
  out: Record<string, number>,
  slots: UsageSlots,
  whole: 'input' | 'output',
  parts: readonly (readonly [UsageSlot, string])[],
): void {
  let rest = slots[whole];
  for (const [slot, key] of parts) {
    const n = slots[slot];
    if (n === undefined || n === 0) continue;
    out[key] = n;
    if (rest !== undefined) rest -= n;
  }
  if (rest !== undefined) out[whole] = Math.max(0, rest);
}

export function normalizeUsage(slots: UsageSlots): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  split(out, slots, 'input', INPUT_PARTS);
  split(out, slots, 'output', OUTPUT_PARTS);
  if (slots.total !== undefined) out.total = slots.total;
  return out;
}

export function usage(table: UsageTable): (span: SpanView) => Record<string, number> | undefined {
  const entries = Object.entries(table) as [UsageSlot, readonly string[]][];
  return (span) => {
    let slots: UsageSlots | undefined;
    for (const [slot, keys] of entries) {
      const n = count(span, keys);
      if (n !== undefined) (slots ??= {})[slot] = n;
    }
    return slots === undefined ? undefined : normalizeUsage(slots);
  };
}
