// Package participant is the phone side of light mining, and the reference
// for mobile SDKs: enrol an ML-DSA key with an aggregate node, fetch the
// round's base model, train locally (no GPU), sign the model delta bound to
// the chain, round and base model, send it, and later fetch the reward
// claim for the round.
//
// A mobile SDK must produce exactly the bytes of proof.FederatedEnrolment
// and proof.FederatedUpdate:
//
//  0. While the round is open: GET /v1/round; sign a
//     proof.FederatedEnrolment for its chain_id and round_id naming the
//     recipient under proof.ContextFederatedEnrolment and POST its encoding
//     to /v1/enrol. The update must later pay the same recipient.
//  1. GET /v1/round; GET /v1/round/model; check that the model's
//     proof.Tensor.Hash equals base_model_hash.
//  2. Train from the base weights (Q32.32 → float) on local data.
//  3. delta = trained − base, as float32, same shape; keep its L2 norm
//     within limits.clip_norm (larger deltas are clipped, above
//     limits.reject_norm refused).
//  4. Sign the envelope under proof.ContextFederatedUpdate and POST its
//     encoding to /v1/update. On 503 retry after Retry-After.
package participant

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/proof"
)

// MakeUpdate trains model from base on data and returns the signed update
// for round roundID on chain chainID, paying recipient.
func MakeUpdate(key *proof.PrivateKey, chainID uint32, roundID uint64, base *proof.Tensor, model federated.Linear,
	data []federated.Example, cfg federated.TrainConfig, recipient common.Address) (*proof.FederatedUpdate, error) {
	if err := model.Check(base); err != nil {
		return nil, err
	}
	w0 := federated.Floats(base)
	w := model.Train(w0, data, cfg)
	delta := make([]float32, len(w))
	for i := range w {
		delta[i] = float32(w[i] - w0[i])
	}
	return SignDelta(key, chainID, roundID, base, delta, recipient)
}

// SignDelta signs an already computed float32 delta.
func SignDelta(key *proof.PrivateKey, chainID uint32, roundID uint64, base *proof.Tensor, delta []float32, recipient common.Address) (*proof.FederatedUpdate, error) {
	u := &proof.FederatedUpdate{
		ChainID: chainID, RoundID: roundID, BaseModelHash: base.Hash(), Recipient: recipient,
		Update: proof.Tensor{DType: proof.DTypeFloat32, Shape: append([]uint32(nil), base.Shape...), F32: delta},
	}
	if err := u.Update.Validate(); err != nil {
		return nil, err
	}
	if err := u.Sign(key, false); err != nil {
		return nil, err
	}
	return u, nil
}

// Client talks to one aggregate node.
type Client struct {
	BaseURL string       // e.g. http://127.0.0.1:7460
	HTTP    *http.Client // nil: a client with a 30 s timeout
	Retries int          // how often to retry a 503 (default 5)
}

// RefusedError is a refusal by the node.
type RefusedError struct {
	Status int
	federated.ErrorReply
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("aggregator refused (%d %s): %s", e.Status, e.Code, e.ErrorReply.Error)
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (c *Client) do(ctx context.Context, method, path, ctype string, body []byte, out any) error {
	retries := c.Retries
	if retries == 0 {
		retries = 5
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := c.http().Do(req)
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusServiceUnavailable && attempt < retries {
			wait := time.Second
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
				wait = time.Duration(s) * time.Second
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			continue
		}
		if resp.StatusCode/100 != 2 {
			e := &RefusedError{Status: resp.StatusCode}
			if json.Unmarshal(b, &e.ErrorReply) != nil {
				e.Code, e.ErrorReply.Error = "http", string(b)
			}
			return e
		}
		switch o := out.(type) {
		case nil:
			return nil
		case *[]byte:
			*o = b
			return nil
		default:
			return json.Unmarshal(b, out)
		}
	}
}

// Round returns the current round.
func (c *Client) Round(ctx context.Context) (*federated.RoundInfo, error) {
	var ri federated.RoundInfo
	return &ri, c.do(ctx, http.MethodGet, "/v1/round", "", nil, &ri)
}

// Model fetches the round's base model and checks it against want.
func (c *Client) Model(ctx context.Context, want common.Hash) (*proof.Tensor, error) {
	var b []byte
	if err := c.do(ctx, http.MethodGet, "/v1/round/model", "", nil, &b); err != nil {
		return nil, err
	}
	t, err := proof.DecodeTensor(b)
	if err != nil {
		return nil, err
	}
	if t.DType != proof.DTypeQ32 {
		return nil, errors.New("participant: base model is not Q32")
	}
	if h := t.Hash(); common.Hash(h) != want {
		return nil, fmt.Errorf("participant: base model hashes to %x, round says %x", h[:8], want[:8])
	}
	return t, nil
}

// SignEnrolment returns the signed enrolment of key in round roundID on
// chain chainID, paying recipient.
func SignEnrolment(key *proof.PrivateKey, chainID uint32, roundID uint64, recipient common.Address) (*proof.FederatedEnrolment, error) {
	e := &proof.FederatedEnrolment{ChainID: chainID, RoundID: roundID, Recipient: recipient}
	if err := e.Sign(key, false); err != nil {
		return nil, err
	}
	return e, nil
}

// Enrol enrols key in the node's current round, which must be open, with
// the recipient its update will pay.
func (c *Client) Enrol(ctx context.Context, key *proof.PrivateKey, recipient common.Address) (common.Hash, error) {
	ri, err := c.Round(ctx)
	if err != nil {
		return common.Hash{}, err
	}
	if ri.State != federated.StateOpen {
		return common.Hash{}, fmt.Errorf("participant: round %d is %s, not open for enrolment", ri.RoundID, ri.State)
	}
	e, err := SignEnrolment(key, ri.ChainID, ri.RoundID, recipient)
	if err != nil {
		return common.Hash{}, err
	}
	return c.SendEnrolment(ctx, e)
}

// SendEnrolment posts a signed enrolment.
func (c *Client) SendEnrolment(ctx context.Context, e *proof.FederatedEnrolment) (common.Hash, error) {
	var r federated.EnrolReply
	return r.Participant, c.do(ctx, http.MethodPost, "/v1/enrol", "application/octet-stream", e.Encode(), &r)
}

// Submit sends a signed update.
func (c *Client) Submit(ctx context.Context, u *proof.FederatedUpdate) (*federated.UpdateReply, error) {
	var r federated.UpdateReply
	return &r, c.do(ctx, http.MethodPost, "/v1/update", "application/octet-stream", u.Encode(), &r)
}

// Claim fetches recipient's claim for a published round.
func (c *Client) Claim(ctx context.Context, roundID uint64, recipient common.Address) (*federated.ClaimInfo, error) {
	var ci federated.ClaimInfo
	return &ci, c.do(ctx, http.MethodGet, fmt.Sprintf("/v1/rounds/%d/claim/%s", roundID, recipient.Hex()), "", nil, &ci)
}

// Participate runs one round for a phone: fetch the round and model, train
// on data and submit. The round must be collecting.
func (c *Client) Participate(ctx context.Context, key *proof.PrivateKey, model federated.Linear, data []federated.Example,
	cfg federated.TrainConfig, recipient common.Address) (*federated.UpdateReply, error) {
	ri, err := c.Round(ctx)
	if err != nil {
		return nil, err
	}
	if ri.State != federated.StateCollecting {
		return nil, fmt.Errorf("participant: round %d is %s", ri.RoundID, ri.State)
	}
	base, err := c.Model(ctx, ri.BaseModelHash)
	if err != nil {
		return nil, err
	}
	u, err := MakeUpdate(key, ri.ChainID, ri.RoundID, base, model, data, cfg, recipient)
	if err != nil {
		return nil, err
	}
	return c.Submit(ctx, u)
}
