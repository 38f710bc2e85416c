// Mapping cost per span on the ingest corpus: protobuf decode alone, then decode + map, both timed
// in this process (no server). Compare with the end-to-end CPU per span that bench/ingest.mjs reports.
//   node bench/mapping.mjs [--batches 32] [--rounds 5]
import { parseArgs } from 'node:util';
import { decodeTraceRequest, mapTraceRequest } from '@spanlight/collector';
import { buildCorpus } from './lib/corpus.mjs';

const { values } = parseArgs({ options: { batches: { type: 'string', default: '32' }, rounds: { type: 'string', default: '5' } } });
const corpus = buildCorpus({ seed: 42, batches: Number(values.batches), batchSize: 512 });
const spans = corpus.summary.spans;

function cpuMicrosPerSpan(work) {
  const runs = [];
  for (let round = 0; round <= Number(values.rounds); round++) {
    const start = process.cpuUsage();
    for (const batch of corpus.batches) work(batch.bytes);
    const used = process.cpuUsage(start);
    if (round > 0) runs.push((used.user + used.system) / spans); // round 0 warms the JIT up
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

const decode = cpuMicrosPerSpan((bytes) => decodeTraceRequest(bytes, 'protobuf'));
const decodeAndMap = cpuMicrosPerSpan((bytes) =>
  mapTraceRequest(decodeTraceRequest(bytes, 'protobuf'), { projectId: 'bench', receivedAt: Date.now() }),
);
console.log(`| stage | CPU µs/span (median of ${values.rounds}) |`);
console.log('| --- | ---: |');
console.log(`| protobuf decode | ${decode.toFixed(1)} |`);
console.log(`| mapping (decode + map − decode) | ${(decodeAndMap - decode).toFixed(1)} |`);
console.log(`\n${spans} spans in ${corpus.batches.length} batches of 512, node ${process.version}`);
