package gateway

import (
	"errors"
	"fmt"
	"io"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/pars-network/aimining/gateway/zap"
	"github.com/pars-network/aimining/proof"
)

// Limits of the ZAP wire.
const (
	// MaxFrameSize bounds one ZAP frame (segment table included).
	MaxFrameSize = 64 << 20
	// MaxTensorDims bounds a tensor's rank.
	MaxTensorDims = 8
)

// Capability is what a miner can do with a model.
type Capability = zap.Capability

// The capabilities of the seed.
const (
	LLMInference = zap.Capability_llmInference
	Embedding    = zap.Capability_embedding
	Vision       = zap.Capability_vision
)

// DType is a tensor element type.
type DType = zap.DType

// Float32 is the dtype of embeddings.
const Float32 = zap.DType_float32

// Tensor is a dense, row-major tensor of little-endian elements.
type Tensor struct {
	DType DType
	Shape []uint64
	Data  []byte
}

// elemSize returns the byte size of one element of d (0 if unknown).
func elemSize(d DType) uint64 {
	switch d {
	case zap.DType_int8, zap.DType_uint8:
		return 1
	case zap.DType_float16, zap.DType_bfloat16:
		return 2
	case zap.DType_float32, zap.DType_int32:
		return 4
	case zap.DType_float64, zap.DType_int64:
		return 8
	}
	return 0
}

// Validate checks that the data length matches dtype and shape.
func (t *Tensor) Validate() error {
	size := elemSize(t.DType)
	if size == 0 {
		return fmt.Errorf("tensor: unknown dtype %d", t.DType)
	}
	if len(t.Shape) > MaxTensorDims {
		return fmt.Errorf("tensor: rank %d exceeds %d", len(t.Shape), MaxTensorDims)
	}
	n := size
	for _, d := range t.Shape {
		if d != 0 && n > uint64(MaxFrameSize)/d {
			return errors.New("tensor: shape overflows the frame limit")
		}
		n *= d
	}
	if uint64(len(t.Data)) != n {
		return fmt.Errorf("tensor: %d data bytes, shape and dtype need %d", len(t.Data), n)
	}
	return nil
}

// ModelOffer is a model a miner serves, with what it can do with it.
type ModelOffer struct {
	Name         string
	Hash         proof.Hash
	Capabilities []Capability
}

// GPUInfo describes a miner's devices.
type GPUInfo struct {
	Name        string
	MemoryBytes uint64
	Count       uint32
}

// Hello is the gateway's greeting.
type Hello struct {
	Version    uint16
	Challenge  proof.Hash
	GatewayKey []byte
	ChainID    uint32
}

// Register is a miner's registration.
type Register struct {
	Version     uint16
	MinerKey    []byte
	Signature   []byte // over proof.MinerRegistration
	Models      []ModelOffer
	GPU         GPUInfo
	Attestation []byte
	Agent       string
}

// Job is one leased job, as a miner receives it.
type Job struct {
	LeaseID   uint64
	LeaseMs   uint32
	Kind      Capability
	Model     string
	Input     []byte
	MaxTokens uint32
	Ticket    []byte // encoded proof.JobTicket
	Tensors   []Tensor
	// Stop lists stop sequences: the output ends before the first one
	// the back-end produces (at most MaxStop, each non-empty).
	Stop []string
	// Sampling is what the client asked for; nil means the back-end's
	// deterministic default.
	Sampling *Sampling
	// Stream asks the miner to send the output in chunks as it grows.
	Stream bool
}

// Sampling holds the sampling parameters of a job; nil fields were not
// given. The built-in model decodes greedily and ignores them.
type Sampling struct {
	Temperature *float32
	TopP        *float32
	Seed        *int64
}

// Limits of a job's generation parameters.
const (
	// MaxStop bounds the stop sequences of a job (OpenAI allows 4).
	MaxStop = 4
	// MaxStopBytes bounds one stop sequence.
	MaxStopBytes = 256
)

// Finish reasons a result reports.
const (
	FinishStop   = "stop"   // a stop sequence or the model's own end
	FinishLength = "length" // the job's maxTokens cut the output
)

// Result is a miner's answer to a leased job.
type Result struct {
	LeaseID          uint64
	OK               bool
	Error            string
	Output           []byte
	Tensors          []Tensor
	WorkID           proof.Hash
	ComputeUnits     uint64
	PromptTokens     uint32
	CompletionTokens uint32
	// FinishReason is FinishStop or FinishLength; empty from a miner
	// that does not report it.
	FinishReason string
}

// frame is one decoded ZAP frame; the zero value of each field is unused.
type frame struct {
	which      zap.Frame_Which
	hello      *Hello
	register   *Register
	registered struct {
		minerID  proof.Hash
		attested bool
	}
	waitMs  uint32
	job     *Job
	retryMs uint32
	result  *Result
	ack     struct {
		accepted bool
		reason   string
	}
	errCode string
	errMsg  string
	chunk   struct {
		leaseID uint64
		data    []byte // aliases the message
	}
}

// newFrame starts a message with a root Frame.
func newFrame() (*capnp.Message, zap.Frame, error) {
	msg, seg, err := capnp.NewMessage(capnp.MultiSegment(nil))
	if err != nil {
		return nil, zap.Frame{}, err
	}
	f, err := zap.NewRootFrame(seg)
	return msg, f, err
}

// first returns the first non-nil error.
func first(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func hash32(b []byte, what string) (proof.Hash, error) {
	if len(b) != 32 {
		return proof.Hash{}, fmt.Errorf("zap: %s is %d bytes, want 32", what, len(b))
	}
	return proof.Hash(b), nil
}

func setTensors(seg *capnp.Segment, ts []Tensor, set func(zap.Tensor_List) error) error {
	if len(ts) == 0 {
		return nil
	}
	l, err := zap.NewTensor_List(seg, int32(len(ts)))
	if err != nil {
		return err
	}
	for i, t := range ts {
		e := l.At(i)
		e.SetDtype(t.DType)
		shape, err := e.NewShape(int32(len(t.Shape)))
		if err != nil {
			return err
		}
		for j, d := range t.Shape {
			shape.Set(j, d)
		}
		if err := e.SetData(t.Data); err != nil {
			return err
		}
	}
	return set(l)
}

func readTensors(l zap.Tensor_List, err error) ([]Tensor, error) {
	if err != nil || l.Len() == 0 {
		return nil, err
	}
	out := make([]Tensor, l.Len())
	for i := range out {
		e := l.At(i)
		shape, err := e.Shape()
		if err != nil {
			return nil, err
		}
		if shape.Len() > MaxTensorDims {
			return nil, fmt.Errorf("zap: tensor rank %d exceeds %d", shape.Len(), MaxTensorDims)
		}
		t := Tensor{DType: e.Dtype(), Shape: make([]uint64, shape.Len())}
		for j := range t.Shape {
			t.Shape[j] = shape.At(j)
		}
		if t.Data, err = e.Data(); err != nil {
			return nil, err
		}
		if err := t.Validate(); err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// encodeJob builds a job frame.
func encodeJob(j *Job) (*capnp.Message, error) {
	msg, f, err := newFrame()
	if err != nil {
		return nil, err
	}
	z, err := f.NewJob()
	if err != nil {
		return nil, err
	}
	z.SetLeaseId(j.LeaseID)
	z.SetLeaseMs(j.LeaseMs)
	z.SetKind(j.Kind)
	z.SetMaxTokens(j.MaxTokens)
	z.SetStream(j.Stream)
	if err := first(z.SetModel(j.Model), z.SetInput(j.Input), z.SetTicket(j.Ticket),
		setTensors(z.Segment(), j.Tensors, z.SetTensors)); err != nil {
		return nil, err
	}
	if len(j.Stop) > 0 {
		l, err := z.NewStop(int32(len(j.Stop)))
		if err != nil {
			return nil, err
		}
		for i, s := range j.Stop {
			if err := l.Set(i, s); err != nil {
				return nil, err
			}
		}
	}
	if sp := j.Sampling; sp != nil {
		zs, err := z.NewSampling()
		if err != nil {
			return nil, err
		}
		if sp.Temperature != nil {
			zs.SetTemperature(*sp.Temperature)
			zs.SetHasTemperature(true)
		}
		if sp.TopP != nil {
			zs.SetTopP(*sp.TopP)
			zs.SetHasTopP(true)
		}
		if sp.Seed != nil {
			zs.SetSeed(*sp.Seed)
			zs.SetHasSeed(true)
		}
	}
	return msg, nil
}

// decodeJob reads a job frame's content; the byte slices alias the message.
func decodeJob(z zap.Job) (*Job, error) {
	j := &Job{LeaseID: z.LeaseId(), LeaseMs: z.LeaseMs(), Kind: z.Kind(), MaxTokens: z.MaxTokens(), Stream: z.Stream()}
	var e1, e2, e3, e4 error
	j.Model, e1 = z.Model()
	j.Input, e2 = z.Input()
	j.Ticket, e3 = z.Ticket()
	j.Tensors, e4 = readTensors(z.Tensors())
	if err := first(e1, e2, e3, e4); err != nil {
		return j, err
	}
	if z.HasStop() {
		l, err := z.Stop()
		if err != nil {
			return j, err
		}
		if l.Len() > MaxStop {
			return j, fmt.Errorf("zap: %d stop sequences, at most %d", l.Len(), MaxStop)
		}
		for i := 0; i < l.Len(); i++ {
			s, err := l.At(i)
			if err != nil {
				return j, err
			}
			if s == "" || len(s) > MaxStopBytes {
				return j, fmt.Errorf("zap: stop sequence %d has %d bytes, want 1..%d", i, len(s), MaxStopBytes)
			}
			j.Stop = append(j.Stop, s)
		}
	}
	if z.HasSampling() {
		zs, err := z.Sampling()
		if err != nil {
			return j, err
		}
		sp := &Sampling{}
		if zs.HasTemperature() {
			sp.Temperature = ptrTo(zs.Temperature())
		}
		if zs.HasTopP() {
			sp.TopP = ptrTo(zs.TopP())
		}
		if zs.HasSeed() {
			sp.Seed = ptrTo(zs.Seed())
		}
		j.Sampling = sp
	}
	return j, nil
}

func ptrTo[T any](v T) *T { return &v }

func encodeResult(r *Result) (*capnp.Message, error) {
	msg, f, err := newFrame()
	if err != nil {
		return nil, err
	}
	z, err := f.NewResult()
	if err != nil {
		return nil, err
	}
	z.SetLeaseId(r.LeaseID)
	z.SetOk(r.OK)
	z.SetComputeUnits(r.ComputeUnits)
	z.SetPromptTokens(r.PromptTokens)
	z.SetCompletionTokens(r.CompletionTokens)
	return msg, first(z.SetError(r.Error), z.SetOutput(r.Output), z.SetWorkId(r.WorkID[:]),
		z.SetFinishReason(r.FinishReason), setTensors(z.Segment(), r.Tensors, z.SetTensors))
}

func decodeResult(z zap.Result) (*Result, error) {
	r := &Result{LeaseID: z.LeaseId(), OK: z.Ok(), ComputeUnits: z.ComputeUnits(),
		PromptTokens: z.PromptTokens(), CompletionTokens: z.CompletionTokens()}
	var e1, e2, e3, e4, e5 error
	r.Error, e1 = z.Error()
	r.Output, e2 = z.Output()
	r.Tensors, e3 = readTensors(z.Tensors())
	var wid []byte
	if wid, e4 = z.WorkId(); e4 == nil && len(wid) > 0 {
		r.WorkID, e4 = hash32(wid, "work id")
	}
	r.FinishReason, e5 = z.FinishReason()
	return r, first(e1, e2, e3, e4, e5)
}

func encodeHello(h *Hello) (*capnp.Message, error) {
	msg, f, err := newFrame()
	if err != nil {
		return nil, err
	}
	z, err := f.NewHello()
	if err != nil {
		return nil, err
	}
	z.SetVersion(h.Version)
	z.SetChainId(h.ChainID)
	return msg, first(z.SetChallenge(h.Challenge[:]), z.SetGatewayKey(h.GatewayKey))
}

func encodeRegister(r *Register) (*capnp.Message, error) {
	msg, f, err := newFrame()
	if err != nil {
		return nil, err
	}
	z, err := f.NewRegister()
	if err != nil {
		return nil, err
	}
	z.SetVersion(r.Version)
	if err := first(z.SetMinerKey(r.MinerKey), z.SetSignature(r.Signature), z.SetAttestation(r.Attestation), z.SetAgent(r.Agent)); err != nil {
		return nil, err
	}
	g, err := z.NewGpu()
	if err != nil {
		return nil, err
	}
	g.SetMemoryBytes(r.GPU.MemoryBytes)
	g.SetCount(r.GPU.Count)
	if err := g.SetName(r.GPU.Name); err != nil {
		return nil, err
	}
	ms, err := z.NewModels(int32(len(r.Models)))
	if err != nil {
		return nil, err
	}
	for i, m := range r.Models {
		e := ms.At(i)
		caps, err := e.NewCapabilities(int32(len(m.Capabilities)))
		if err != nil {
			return nil, err
		}
		for k, c := range m.Capabilities {
			caps.Set(k, c)
		}
		if err := first(e.SetName(m.Name), e.SetHash(m.Hash[:])); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// maxModelOffers bounds a registration's model list.
const maxModelOffers = 256

func decodeRegister(z zap.Register) (*Register, error) {
	r := &Register{Version: z.Version()}
	var e1, e2, e3, e4 error
	r.MinerKey, e1 = z.MinerKey()
	r.Signature, e2 = z.Signature()
	r.Attestation, e3 = z.Attestation()
	r.Agent, e4 = z.Agent()
	if err := first(e1, e2, e3, e4); err != nil {
		return nil, err
	}
	if z.HasGpu() {
		g, err := z.Gpu()
		if err != nil {
			return nil, err
		}
		r.GPU.MemoryBytes, r.GPU.Count = g.MemoryBytes(), g.Count()
		if r.GPU.Name, err = g.Name(); err != nil {
			return nil, err
		}
	}
	ms, err := z.Models()
	if err != nil {
		return nil, err
	}
	if ms.Len() > maxModelOffers {
		return nil, fmt.Errorf("zap: %d model offers, at most %d", ms.Len(), maxModelOffers)
	}
	for i := 0; i < ms.Len(); i++ {
		e := ms.At(i)
		var m ModelOffer
		name, err := e.Name()
		if err != nil {
			return nil, err
		}
		h, err := e.Hash()
		if err != nil {
			return nil, err
		}
		if m.Hash, err = hash32(h, "model hash"); err != nil {
			return nil, err
		}
		caps, err := e.Capabilities()
		if err != nil {
			return nil, err
		}
		m.Name = name
		for k := 0; k < caps.Len() && k < 8; k++ {
			m.Capabilities = append(m.Capabilities, caps.At(k))
		}
		r.Models = append(r.Models, m)
	}
	return r, nil
}

// conn frames ZAP messages over a byte stream.
type conn struct {
	dec *capnp.Decoder
	enc *capnp.Encoder
}

func newConn(rw io.ReadWriter) *conn {
	d := capnp.NewDecoder(rw)
	d.MaxMessageSize = MaxFrameSize
	return &conn{dec: d, enc: capnp.NewEncoder(rw)}
}

func (c *conn) send(msg *capnp.Message, err error) error {
	if err != nil {
		return fmt.Errorf("zap: build frame: %w", err)
	}
	defer msg.Release()
	return c.enc.Encode(msg)
}

// small builds a frame with one small body.
func small(build func(f zap.Frame) error) (*capnp.Message, error) {
	msg, f, err := newFrame()
	if err != nil {
		return nil, err
	}
	return msg, build(f)
}

func (c *conn) sendError(code, message string) error {
	return c.send(small(func(f zap.Frame) error {
		e, err := f.NewError()
		if err != nil {
			return err
		}
		return first(e.SetCode(code), e.SetDetail(message))
	}))
}

// recv reads and decodes one frame.
func (c *conn) recv() (*frame, error) {
	msg, err := c.dec.Decode()
	if err != nil {
		return nil, err
	}
	return decodeFrame(msg)
}

// decodeFrame decodes a frame message into its Go form.
func decodeFrame(msg *capnp.Message) (*frame, error) {
	f, err := zap.ReadRootFrame(msg)
	if err != nil {
		return nil, fmt.Errorf("zap: read frame: %w", err)
	}
	out := &frame{which: f.Which()}
	switch out.which {
	case zap.Frame_Which_hello:
		z, err := f.Hello()
		if err != nil {
			return nil, err
		}
		h := &Hello{Version: z.Version(), ChainID: z.ChainId()}
		ch, e1 := z.Challenge()
		h.GatewayKey, err = z.GatewayKey()
		if err = first(e1, err); err != nil {
			return nil, err
		}
		if h.Challenge, err = hash32(ch, "challenge"); err != nil {
			return nil, err
		}
		out.hello = h
	case zap.Frame_Which_register:
		z, err := f.Register()
		if err == nil {
			out.register, err = decodeRegister(z)
		}
		if err != nil {
			return nil, err
		}
	case zap.Frame_Which_registered:
		z, err := f.Registered()
		if err != nil {
			return nil, err
		}
		id, err := z.MinerId()
		if err == nil {
			out.registered.minerID, err = hash32(id, "miner id")
		}
		if err != nil {
			return nil, err
		}
		out.registered.attested = z.Attested()
	case zap.Frame_Which_nextJob:
		z, err := f.NextJob()
		if err != nil {
			return nil, err
		}
		out.waitMs = z.WaitMs()
	case zap.Frame_Which_job:
		z, err := f.Job()
		if err == nil {
			out.job, err = decodeJob(z)
		}
		if err != nil {
			return nil, err
		}
	case zap.Frame_Which_noJob:
		z, err := f.NoJob()
		if err != nil {
			return nil, err
		}
		out.retryMs = z.RetryMs()
	case zap.Frame_Which_result:
		z, err := f.Result()
		if err == nil {
			out.result, err = decodeResult(z)
		}
		if err != nil {
			return nil, err
		}
	case zap.Frame_Which_resultAck:
		z, err := f.ResultAck()
		if err != nil {
			return nil, err
		}
		out.ack.accepted = z.Accepted()
		if out.ack.reason, err = z.Reason(); err != nil {
			return nil, err
		}
	case zap.Frame_Which_chunk:
		z, err := f.Chunk()
		if err != nil {
			return nil, err
		}
		out.chunk.leaseID = z.LeaseId()
		if out.chunk.data, err = z.Data(); err != nil {
			return nil, err
		}
	case zap.Frame_Which_error:
		z, err := f.Error()
		if err != nil {
			return nil, err
		}
		var e1, e2 error
		out.errCode, e1 = z.Code()
		out.errMsg, e2 = z.Detail()
		if err := first(e1, e2); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("zap: unknown frame kind %d", out.which)
	}
	return out, nil
}

// RemoteError is an error frame sent by the other side.
type RemoteError struct{ Code, Message string }

// Error implements error.
func (e *RemoteError) Error() string { return "zap: " + e.Code + ": " + e.Message }
