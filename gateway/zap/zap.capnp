# ZAP: the wire protocol between the Pars gateway and GPU miners.
#
# Every message on a ZAP connection is one Frame, written with Cap'n Proto's
# standard stream framing (segment table, then segments) over TCP. The
# exchange is strictly request/response, driven by the miner:
#
#   gateway -> miner   hello        (challenge, gateway key, chain id)
#   miner   -> gateway register     (key, signed challenge, capabilities)
#   gateway -> miner   registered | error
#   loop:
#     miner   -> gateway nextJob    (how long to wait for one)
#     gateway -> miner   job | noJob
#     miner   -> gateway chunk*     (only for a job with stream set: the
#                                    output so far, in order; no answer)
#     miner   -> gateway result     (for the job's lease)
#     gateway -> miner   resultAck
#
# A job is leased to one connection until its lease deadline; a result that
# arrives after it, or for a lease the gateway reassigned, is refused. The
# signed job ticket and the registration message are encoded by package
# proof (proof.JobTicket, proof.MinerRegistration) and travel here as Data.

@0xbd9af5b36f15710f;

using Go = import "/go.capnp";
$Go.package("zap");
$Go.import("github.com/pars-network/aimining/gateway/zap");

# Version of this schema; hello and register carry it.
const protocolVersion :UInt16 = 1;

enum Capability {
  llmInference @0;
  embedding @1;
  vision @2;
}

enum DType {
  float32 @0;
  float16 @1;
  bfloat16 @2;
  float64 @3;
  int8 @4;
  uint8 @5;
  int32 @6;
  int64 @7;
}

# A dense tensor: little-endian elements of dtype, row-major, shape[0] the
# outermost dimension. len(data) = product(shape) * size(dtype).
struct Tensor {
  dtype @0 :DType;
  shape @1 :List(UInt64);
  data @2 :Data;
}

struct GpuInfo {
  name @0 :Text;          # e.g. "NVIDIA H100 80GB HBM3", or "cpu"
  memoryBytes @1 :UInt64;
  count @2 :UInt32;
}

struct ModelOffer {
  name @0 :Text;          # the model's name as clients ask for it
  hash @1 :Data;          # proof.HashModel of its weights (32 bytes)
  capabilities @2 :List(Capability);
}

struct Hello {
  version @0 :UInt16;
  challenge @1 :Data;     # 32 fresh bytes; the miner signs them
  gatewayKey @2 :Data;    # the gateway's ML-DSA public key (signs tickets)
  chainId @3 :UInt32;
}

struct Register {
  version @0 :UInt16;
  minerKey @1 :Data;      # the miner's ML-DSA public key
  signature @2 :Data;     # over proof.MinerRegistration, ContextMinerRegistration
  models @3 :List(ModelOffer);
  gpu @4 :GpuInfo;
  attestation @5 :Data;   # NVTrust evidence bound to the challenge, or empty
  agent @6 :Text;         # software name and version, for logs
}

struct Registered {
  minerId @0 :Data;       # proof.MinerID of the registered key
  attested @1 :Bool;      # whether the gateway ranks it as attested
}

struct NextJob {
  waitMs @0 :UInt32;      # how long the gateway may hold the request open
}

struct Job {
  leaseId @0 :UInt64;     # quote it in the result
  leaseMs @1 :UInt32;     # the result must arrive within this many ms
  kind @2 :Capability;
  model @3 :Text;
  input @4 :Data;         # the inference input the ticket's input hash covers
  maxTokens @5 :UInt32;
  ticket @6 :Data;        # proof.JobTicket, signed by the gateway
  tensors @7 :List(Tensor);  # extra inputs (vision), none for text
  stop @8 :List(Text);    # stop sequences: the output ends before the first one found
  sampling @9 :Sampling;  # absent: the back-end's deterministic default
  stream @10 :Bool;       # send chunk frames as the output grows
}

# Sampling parameters a client asked for. A back-end that cannot sample
# (the built-in model decodes greedily) ignores them.
struct Sampling {
  temperature @0 :Float32;
  hasTemperature @1 :Bool;
  topP @2 :Float32;
  hasTopP @3 :Bool;
  seed @4 :Int64;
  hasSeed @5 :Bool;
}

# Part of a streamed job's output: the bytes that follow the previous
# chunks. The result's output is the whole output, chunks included.
struct Chunk {
  leaseId @0 :UInt64;
  data @1 :Data;
}

struct NoJob {
  retryMs @0 :UInt32;
}

struct Result {
  leaseId @0 :UInt64;
  ok @1 :Bool;
  error @2 :Text;         # why the job failed, when not ok
  output @3 :Data;        # the inference output (text as UTF-8)
  tensors @4 :List(Tensor);  # embeddings and other tensor outputs
  workId @5 :Data;        # the work id of the proof the miner will submit
  computeUnits @6 :UInt64;
  promptTokens @7 :UInt32;
  completionTokens @8 :UInt32;
  finishReason @9 :Text;  # "stop" (a stop sequence or the model's end) or "length" (maxTokens)
}

struct ResultAck {
  accepted @0 :Bool;
  reason @1 :Text;
}

struct Error {
  code @0 :Text;          # "bad_request", "unauthorized", "version", ...
  detail @1 :Text;
}

struct Frame {
  union {
    hello @0 :Hello;
    register @1 :Register;
    registered @2 :Registered;
    nextJob @3 :NextJob;
    job @4 :Job;
    noJob @5 :NoJob;
    result @6 :Result;
    resultAck @7 :ResultAck;
    error @8 :Error;
    chunk @9 :Chunk;
  }
}
