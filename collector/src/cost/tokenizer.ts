import { createRequire } from 'node:module';
import { Tiktoken, getEncodingNameForModel, type TiktokenBPE, type TiktokenModel } from 'js-tiktoken/lite';

const require = createRequire(import.meta.url);
const encoders = new Map<string, Tiktoken>();

/** Ranks are megabytes of data: loaded on first use, so processes that never tokenize never pay. */
function encoder(name: string): Tiktoken {
  let enc = encoders.get(name);
  if (!enc) {
    enc = new Tiktoken(require(`js-tiktoken/ranks/${name}`) as TiktokenBPE);
    encoders.set(name, enc);
  }
  return enc;
}

function encodingFor(model: unknown): string {
  if (typeof model === 'string') {
    try {
      return getEncodingNameForModel(model as TiktokenModel);
    } catch {
      // Unknown to js-tiktoken: newer OpenAI models all use o200k_base.
    }
  }
  return 'o200k_base';
}

const CHAT_KEYS = new Set(['content', 'role', 'name', 'tool_calls', 'function_call']);

function isChatMessages(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'object' && m !== null && 'role' in m);
}

function countOpenAi(value: unknown, config: Readonly<Record<string, unknown>>): number {
  const enc = encoder(encodingFor(config.tokenizerModel));
  // Special-token text in user content is counted as plain text rather than refused.
  const count = (v: unknown): number => enc.encode(typeof v === 'string' ? v : JSON.stringify(v) ?? '', [], []).length;
  if (!isChatMessages(value)) return count(value);
  // OpenAI's accounting for chat input: a fixed overhead per message and per name, plus reply priming.
  const perMessage = typeof config.tokensPerMessage === 'number' ? config.tokensPerMessage : 3;
  const perName = typeof config.tokensPerName === 'number' ? config.tokensPerName : 1;
  let total = 3;
  for (const message of value) {
    total += perMessage;
    for (const [key, v] of Object.entries(message)) {
      if (!CHAT_KEYS.has(key) || v === null || v === undefined) continue;
      total += count(v);
      if (key === 'name') total += perName;
    }
  }
  return total;
}

/** Token count of a value with the named tokenizer; undefined when the tokenizer is not supported. */
export function countTokens(
  tokenizerId: string,
  config: Readonly<Record<string, unknown>> | null,
  value: unknown,
): number | undefined {
  if (tokenizerId === 'openai') return countOpenAi(value, config ?? {});
  return undefined;
}
