// Package aggregator is the aggregate node of light mining: an HTTP server
// on loopback that enrols participants, takes signed updates through a
// bounded queue, closes a round, recomputes its outcome from the transcript
// and hands it to a Publisher (IAIMining.publishRound on chain).
package aggregator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/proof"
)

// Publisher puts a round's result on chain and returns the transaction.
type Publisher interface {
	PublishRound(ctx context.Context, res *federated.Result) (common.Hash, error)
}

// Config configures a Server.
type Config struct {
	Model      federated.Linear
	Validation []federated.Example // held-out set; its hash is in every round's params
	Publisher  Publisher           // nil: results are kept but not published
	QueueSize  int                 // pending updates before 503 (default 64)
	Workers    int                 // updates verified concurrently (default 2)
	// DataDir keeps one federated.Record file per published round
	// (federated.RecordFileName); Open reloads them. Empty: rounds are
	// kept in memory only.
	DataDir string
	Log     *slog.Logger
}

type job struct {
	body  []byte
	reply chan jobResult
}

type jobResult struct {
	a    *federated.Admitted
	full bool
	ref  *federated.Refusal
}

// Server is the aggregate node.
type Server struct {
	cfg   Config
	queue chan job

	mu        sync.Mutex
	round     *federated.Round
	deadline  int64
	published map[uint64]*federated.Result
	refs      map[uint64]*federated.PublishedRef
	full      chan struct{} // closed when the current round has all its updates
}

// New returns a server; call Run to start its workers.
func New(cfg Config) *Server {
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 64
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 2
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Server{cfg: cfg, queue: make(chan job, cfg.QueueSize),
		published: map[uint64]*federated.Result{}, refs: map[uint64]*federated.PublishedRef{}}
}

// Open returns a server that keeps its rounds in cfg.DataDir (created if
// missing), with every round recorded there reloaded: each record is
// recomputed from its transcript and must reproduce its recorded result,
// so a restarted node answers for its published rounds.
func Open(cfg Config) (*Server, error) {
	s := New(cfg)
	if cfg.DataDir == "" {
		return s, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(cfg.DataDir, "round-*.json"))
	if err != nil {
		return nil, err
	}
	for _, path := range paths {
		rec, err := federated.ReadRecord(path)
		if err != nil {
			return nil, err
		}
		res, err := rec.Check(cfg.Model, cfg.Validation)
		if err != nil {
			return nil, fmt.Errorf("aggregator: %s: %w", path, err)
		}
		if filepath.Base(path) != federated.RecordFileName(res.RoundID) {
			return nil, fmt.Errorf("aggregator: %s holds round %d", path, res.RoundID)
		}
		ref := rec.Published
		if ref == nil {
			ref = &federated.PublishedRef{ModelHash: res.ModelHash, RewardsRoot: res.Root, Total: res.Total}
		}
		s.published[res.RoundID], s.refs[res.RoundID] = res, ref
		s.cfg.Log.Info("round reloaded", "round", res.RoundID, "model", res.ModelHash, "root", res.Root, "file", path)
	}
	return s, nil
}

// Published returns the published result of a round (nil if none).
func (s *Server) Published(roundID uint64) *federated.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.published[roundID]
}

// LastPublished returns the highest published round id and its result
// (false if none).
func (s *Server) LastPublished() (uint64, *federated.Result, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var last uint64
	var res *federated.Result
	for id, r := range s.published {
		if res == nil || id > last {
			last, res = id, r
		}
	}
	return last, res, res != nil
}

// Run verifies queued updates until ctx ends.
func (s *Server) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case j := <-s.queue:
					r := s.current()
					if r == nil {
						j.reply <- jobResult{ref: &federated.Refusal{Code: federated.RefuseRoundClosed, Reason: "no round is open"}}
						continue
					}
					a, full, ref := r.Submit(j.body)
					if full {
						s.mu.Lock()
						if s.full != nil && r == s.round {
							select {
							case <-s.full:
							default:
								close(s.full)
							}
						}
						s.mu.Unlock()
					}
					j.reply <- jobResult{a, full, ref}
				}
			}
		}()
	}
	wg.Wait()
}

func (s *Server) current() *federated.Round {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.round
}

// OpenRound starts a round for enrolment; deadline (unix seconds, 0 for
// none) is advisory for participants. The validation hash of p must match
// the server's validation set.
func (s *Server) OpenRound(p federated.Params, deadline int64) error {
	if h := federated.ValidationHash(s.cfg.Validation); p.ValidationHash != h {
		return fmt.Errorf("aggregator: round names validation set %x, this node holds %x", p.ValidationHash[:8], h[:8])
	}
	r, err := federated.NewRound(p)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.published[p.RoundID] != nil {
		return fmt.Errorf("aggregator: round %d is already published", p.RoundID)
	}
	if s.round != nil {
		if st := s.round.State(); st == federated.StateCollecting || st == federated.StateAggregating {
			return fmt.Errorf("aggregator: round %d is still %s", s.round.Params().RoundID, st)
		}
	}
	s.round, s.deadline, s.full = r, deadline, make(chan struct{})
	return nil
}

// StartCollecting selects participants with seed (a recent block hash).
func (s *Server) StartCollecting(seed proof.Hash) ([]proof.Hash, error) {
	r := s.current()
	if r == nil {
		return nil, errors.New("aggregator: no round")
	}
	return r.StartCollecting(seed)
}

// Full is closed when the current round has all the updates it takes.
func (s *Server) Full() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.full
}

// Finish closes the current round, recomputes its outcome from the
// transcript, publishes it and returns it with the transcript.
func (s *Server) Finish(ctx context.Context) (*federated.Result, *federated.Transcript, error) {
	r := s.current()
	if r == nil {
		return nil, nil, errors.New("aggregator: no round")
	}
	tr, err := r.Close()
	if err != nil {
		return nil, nil, err
	}
	res, err := federated.Recompute(tr, s.cfg.Model, s.cfg.Validation)
	if err != nil {
		return nil, tr, err
	}
	ref := &federated.PublishedRef{ModelHash: res.ModelHash, RewardsRoot: res.Root, Total: res.Total}
	if s.cfg.Publisher != nil {
		if ref.TxHash, err = s.cfg.Publisher.PublishRound(ctx, res); err != nil {
			return res, tr, fmt.Errorf("aggregator: publish round %d: %w", res.RoundID, err)
		}
	}
	if err := r.Publish(res); err != nil {
		return res, tr, err
	}
	s.mu.Lock()
	s.published[res.RoundID], s.refs[res.RoundID] = res, ref
	s.mu.Unlock()
	if s.cfg.DataDir != "" {
		path := filepath.Join(s.cfg.DataDir, federated.RecordFileName(res.RoundID))
		if err := federated.WriteRecord(path, &federated.Record{Transcript: tr, Result: res, Published: ref}); err != nil {
			return res, tr, fmt.Errorf("aggregator: round %d published but not recorded: %w", res.RoundID, err)
		}
	}
	s.cfg.Log.Info("round published", "round", res.RoundID, "model", res.ModelHash, "root", res.Root, "total", res.Total, "updates", len(tr.Updates))
	return res, tr, nil
}

// Handler serves the API described in package federated.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/round", s.handleRound)
	mux.HandleFunc("GET /v1/round/model", s.handleModel)
	mux.HandleFunc("POST /v1/enrol", s.handleEnrol)
	mux.HandleFunc("POST /v1/update", s.handleUpdate)
	mux.HandleFunc("GET /v1/rounds/{id}/result", s.handleResult)
	mux.HandleFunc("GET /v1/rounds/{id}/claim/{addr}", s.handleClaim)
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, federated.ErrorReply{Code: code, Error: msg})
}

func (s *Server) handleRound(w http.ResponseWriter, _ *http.Request) {
	r := s.current()
	if r == nil {
		writeError(w, http.StatusNotFound, "no-round", "no round is open")
		return
	}
	p := r.Params()
	sel, seed := r.Selected()
	info := federated.RoundInfo{
		ChainID: p.ChainID, RoundID: p.RoundID, State: r.State(), BaseModelHash: common.Hash(p.BaseModel.Hash()),
		Shape: p.BaseModel.Shape, Rule: p.Rule, Limits: p.Limits, MinParticipants: p.MinParticipants,
		MaxParticipants: p.MaxParticipants, Seed: common.Hash(seed), Updates: r.Count(), Pool: p.Pool,
		ValidationHash: common.Hash(p.ValidationHash),
	}
	for _, id := range sel {
		info.Selected = append(info.Selected, common.Hash(id))
	}
	s.mu.Lock()
	info.Deadline, info.Published = s.deadline, s.refs[p.RoundID]
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, info)
}

func (s *Server) handleModel(w http.ResponseWriter, _ *http.Request) {
	r := s.current()
	if r == nil {
		writeError(w, http.StatusNotFound, "no-round", "no round is open")
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(r.Params().BaseModel.Encode())
}

func (s *Server) handleEnrol(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, proof.MaxFederatedEnrolmentSize+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, federated.RefuseMalformed, "enrol body: "+err.Error())
		return
	}
	r := s.current()
	if r == nil {
		writeError(w, http.StatusConflict, federated.RefuseRoundClosed, "no round is open")
		return
	}
	// The signature check is one ML-DSA verification, cheaper than an
	// update's; it runs on the request's goroutine.
	id, ref := r.Enrol(body)
	if ref != nil {
		writeError(w, refusalStatus(ref.Code), ref.Code, ref.Reason)
		return
	}
	writeJSON(w, http.StatusOK, federated.EnrolReply{Participant: common.Hash(id)})
}

// refusalStatus maps refusal codes to HTTP statuses.
func refusalStatus(code string) int {
	switch code {
	case federated.RefuseTooLarge:
		return http.StatusRequestEntityTooLarge
	case federated.RefuseMalformed:
		return http.StatusBadRequest
	case federated.RefuseBadSignature, federated.RefuseNotSelected, federated.RefuseNotEnrolled, federated.RefuseRecipientMismatch:
		return http.StatusForbidden
	case federated.RefuseAlreadyEnrolled, federated.RefuseDuplicateParticipant, federated.RefuseDuplicateUpdate, federated.RefuseRoundClosed,
		federated.RefuseRoundFull, federated.RefuseStaleBaseModel, federated.RefuseWrongRound:
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

func (s *Server) handleUpdate(w http.ResponseWriter, req *http.Request) {
	r := s.current()
	limit := proof.MaxFederatedUpdateSize
	if r != nil && r.Params().Limits.MaxUpdateBytes > 0 {
		limit = r.Params().Limits.MaxUpdateBytes
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, int64(limit)+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, federated.RefuseMalformed, err.Error())
		return
	}
	if len(body) > limit {
		writeError(w, http.StatusRequestEntityTooLarge, federated.RefuseTooLarge, fmt.Sprintf("update is over %d bytes", limit))
		return
	}
	j := job{body: body, reply: make(chan jobResult, 1)}
	select {
	case s.queue <- j:
	default:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "queue-full", fmt.Sprintf("the update queue is full (%d pending); retry later", cap(s.queue)))
		return
	}
	select {
	case <-req.Context().Done():
		return
	case res := <-j.reply:
		if res.ref != nil {
			writeError(w, refusalStatus(res.ref.Code), res.ref.Code, res.ref.Reason)
			return
		}
		a := res.a
		writeJSON(w, http.StatusOK, federated.UpdateReply{
			RoundID: a.Update.RoundID, Participant: common.Hash(a.Participant), UpdateHash: common.Hash(a.UpdateHash),
			Norm: a.Norm, Clipped: a.Clipped, FreeRider: a.FreeRider,
		})
	}
}

func (s *Server) result(w http.ResponseWriter, req *http.Request) *federated.Result {
	id, err := strconv.ParseUint(req.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "round-id", "round id is not a number")
		return nil
	}
	s.mu.Lock()
	res := s.published[id]
	s.mu.Unlock()
	if res == nil {
		writeError(w, http.StatusNotFound, "not-published", fmt.Sprintf("round %d is not published", id))
	}
	return res
}

func (s *Server) handleResult(w http.ResponseWriter, req *http.Request) {
	if res := s.result(w, req); res != nil {
		writeJSON(w, http.StatusOK, res)
	}
}

func (s *Server) handleClaim(w http.ResponseWriter, req *http.Request) {
	res := s.result(w, req)
	if res == nil {
		return
	}
	if !common.IsHexAddress(req.PathValue("addr")) {
		writeError(w, http.StatusBadRequest, "address", "not an address")
		return
	}
	ci, err := res.ClaimInfo(common.HexToAddress(req.PathValue("addr")))
	if err != nil {
		writeError(w, http.StatusNotFound, "no-reward", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, ci)
}
