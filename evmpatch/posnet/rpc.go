package posnet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// Call makes one JSON-RPC call to the pair's pars-geth and decodes its
// result into out (nil: ignored).
func (p *Pair) Call(ctx context.Context, out any, method string, params ...any) error {
	if params == nil {
		params = []any{}
	}
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.RPC(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("pair %d: %s: %w", p.Index, method, err)
	}
	defer resp.Body.Close()
	var r struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("pair %d: %s: decode response: %w", p.Index, method, err)
	}
	if r.Error != nil {
		return fmt.Errorf("pair %d: %s: %s (code %d)", p.Index, method, r.Error.Message, r.Error.Code)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(r.Result, out); err != nil {
		return fmt.Errorf("pair %d: %s: decode result: %w", p.Index, method, err)
	}
	return nil
}

// BeaconGet makes a GET request to the pair's beacon node REST API and
// decodes the JSON answer into out.
func (p *Pair) BeaconGet(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.BeaconAPI()+path, nil)
	if err != nil {
		return err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("pair %d: GET %s: %w", p.Index, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("pair %d: GET %s: %w", p.Index, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("pair %d: GET %s: %s: %s", p.Index, path, resp.Status, strings.TrimSpace(string(b)))
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("pair %d: GET %s: %w", p.Index, path, err)
	}
	return nil
}

// Block is an execution block as the network's checks see it.
type Block struct {
	Number    uint64
	Hash      common.Hash
	StateRoot common.Hash
	Time      uint64
}

// ErrNoBlock is returned by Block for a tag with no block yet ("finalized"
// before the first finalised checkpoint).
var ErrNoBlock = errors.New("posnet: no such block yet")

// Block returns the pair's execution block at tag ("latest", "safe",
// "finalized" or a 0x-number).
func (p *Pair) Block(ctx context.Context, tag string) (Block, error) {
	var b *struct {
		Number    hexutil.Uint64 `json:"number"`
		Hash      common.Hash    `json:"hash"`
		StateRoot common.Hash    `json:"stateRoot"`
		Timestamp hexutil.Uint64 `json:"timestamp"`
	}
	if err := p.Call(ctx, &b, "eth_getBlockByNumber", tag, false); err != nil {
		if strings.Contains(err.Error(), "not found") {
			return Block{}, ErrNoBlock
		}
		return Block{}, err
	}
	if b == nil {
		return Block{}, ErrNoBlock
	}
	return Block{Number: uint64(b.Number), Hash: b.Hash, StateRoot: b.StateRoot, Time: uint64(b.Timestamp)}, nil
}

// Finality is the beacon node's view of the checkpoints.
type Finality struct {
	JustifiedEpoch uint64
	FinalizedEpoch uint64
}

// Finality returns the head state's justified and finalised epochs.
func (p *Pair) Finality(ctx context.Context) (Finality, error) {
	var r struct {
		Data struct {
			CurrentJustified struct {
				Epoch string `json:"epoch"`
			} `json:"current_justified"`
			Finalized struct {
				Epoch string `json:"epoch"`
			} `json:"finalized"`
		} `json:"data"`
	}
	if err := p.BeaconGet(ctx, "/eth/v1/beacon/states/head/finality_checkpoints", &r); err != nil {
		return Finality{}, err
	}
	j, err1 := strconv.ParseUint(r.Data.CurrentJustified.Epoch, 10, 64)
	f, err2 := strconv.ParseUint(r.Data.Finalized.Epoch, 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return Finality{}, fmt.Errorf("pair %d: finality checkpoints: %w", p.Index, err)
	}
	return Finality{JustifiedEpoch: j, FinalizedEpoch: f}, nil
}

// BeaconPeers returns the peer ids of the beacon nodes the pair's beacon
// node is connected to.
func (p *Pair) BeaconPeers(ctx context.Context) ([]string, error) {
	var r struct {
		Data []struct {
			PeerID string `json:"peer_id"`
			State  string `json:"state"`
		} `json:"data"`
	}
	if err := p.BeaconGet(ctx, "/eth/v1/node/peers?state=connected", &r); err != nil {
		return nil, err
	}
	var ids []string
	for _, d := range r.Data {
		if d.State == "connected" {
			ids = append(ids, d.PeerID)
		}
	}
	return ids, nil
}
