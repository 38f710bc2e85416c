import protobuf from 'protobufjs';

/**
 * google.rpc.Status, the body OTLP/HTTP servers send with an error status
 * (https://opentelemetry.io/docs/specs/otlp/#failures-1), in the request's encoding.
 */
const Status = new protobuf.Type('Status')
  .add(new protobuf.Field('code', 1, 'int32'))
  .add(new protobuf.Field('message', 2, 'string'));
new protobuf.Root().define('google.rpc').add(Status);

export function encodeStatus(code: number, message: string, encoding: 'protobuf' | 'json'): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  return Buffer.from(Status.encode(Status.create({ code, message })).finish());
}
