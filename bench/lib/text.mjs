// Seeded randomness and GenAI message payloads for the corpus (ASCII only, so that the byte
// patterns used to rewrite ids in serialized batches can never occur inside attribute text).

/** mulberry32: small, fast, good enough for a reproducible corpus. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const WORDS = (
  'the a to of and in is for on that with as it be this by are from at or an can will your you we our ' +
  'order customer refund policy account invoice shipping delivery status tracking payment card billing ' +
  'request response model agent tool result search query document context summary answer question ' +
  'please check find list update create delete review confirm latest available total price amount ' +
  'date time week month region europe warehouse item product quantity return window days business ' +
  'support ticket escalate priority high low medium error timeout retry success failed pending ' +
  'according to the retrieved documents there are several options here is what I found based on ' +
  'analysis data table column value report chart revenue growth quarter forecast trend compare ' +
  'function call arguments json schema field required optional string number boolean array object'
).split(' ');

/** Roughly `length` characters of prose (ASCII words), ending on a full stop. */
export function prose(random, length) {
  const parts = [];
  let size = 0;
  let sentence = 0;
  while (size < length) {
    let word = random.pick(WORDS);
    if (sentence === 0) word = word[0].toUpperCase() + word.slice(1);
    sentence += 1;
    if (sentence > 6 && random.chance(0.12)) {
      word += '.';
      sentence = 0;
    }
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, Math.max(1, length - 1)) + '.';
}

/** 1–8 KB, or 30–50 KB for 5% of messages. */
export function messageSize(random) {
  return random.chance(0.05) ? random.int(30_000, 50_000) : random.int(1_000, 8_000);
}

/** gen_ai.input.messages (semconv >= 1.37 parts format) of about `size` bytes of JSON. */
export function inputMessages(random, size, systemPrompt, toolName) {
  const messages = [{ role: 'system', parts: [{ type: 'text', content: systemPrompt.slice(0, Math.floor(size * 0.4)) }] }];
  messages.push({ role: 'user', parts: [{ type: 'text', content: '' }] });
  if (toolName && random.chance(0.5)) {
    const id = `call_${random.int(1e8, 9e8)}`;
    messages.push({ role: 'assistant', parts: [{ type: 'tool_call', id, name: toolName, arguments: { query: prose(random, 40) } }] });
    messages.push({ role: 'tool', parts: [{ type: 'tool_call_response', id, response: prose(random, 200) }] });
  }
  const room = size - JSON.stringify(messages).length;
  messages[1].parts[0].content = prose(random, Math.max(20, room));
  return JSON.stringify(messages);
}

/** gen_ai.output.messages of about `size` bytes of JSON. */
export function outputMessages(random, size, finishReason) {
  const message = { role: 'assistant', parts: [{ type: 'text', content: '' }], finish_reason: finishReason };
  const room = size - JSON.stringify([message]).length;
  message.parts[0].content = prose(random, Math.max(20, room));
  return JSON.stringify([message]);
}
