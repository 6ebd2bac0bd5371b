package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// TestModelLimitsFromChain: with --rpc the gateway serves each model with
// the chain's registry limits: a --model asking 4096 output tokens of a
// model registered with 100 gets 100 (and its input limit), the built-in
// model stays within the re-execution caps, and a model the chain does
// not know keeps its configured limits with a warning.
func TestModelLimitsFromChain(t *testing.T) {
	ch := newChain(t)
	gov, err := crypto.ToECDSA(bytes.Repeat([]byte{0x51}, 32))
	require.NoError(t, err)
	rc := ch.node.Client()
	defer rc.Close()
	sub, err := miner.NewSubmitter(miner.NewNodeClient(rc), gov, miner.SubmitterConfig{ChainID: big.NewInt(6133), PollInterval: time.Millisecond})
	require.NoError(t, err)
	const known = "0x1111111111111111111111111111111111111111111111111111111111111111"
	const unknown = "0x2222222222222222222222222222222222222222222222222222222222222222"
	data, err := precompile.ABI().Pack("registerModel", [32]byte(bytes.Repeat([]byte{0x11}, 32)), uint64(7_000_000_000),
		uint8(precompile.TokenizerBytes), uint16(4), uint32(2048), uint32(100), uint8(precompile.VerifierCommittee))
	require.NoError(t, err)
	_, err = sub.Transact(t.Context(), data, "registerModel")
	require.NoError(t, err)

	dir := t.TempDir()
	key := filepath.Join(dir, "gateway.key")
	code, _, errOut := cmd(t, "keygen", "--out", key, "--scheme", "44")
	require.Equal(t, 0, code, errOut)
	httpAddr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"pars-gateway", "--key", key, "--rpc", ch.url, "--http-listen", httpAddr, "--zap-listen", freeAddr(t),
			"--model", "big=" + known + ":1:1:4096", "--model", "ghost=" + unknown + ":1000:4:300", "--log-json"}, io.Discard, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the gateway did not stop")
		}
	})
	model := func(id string) map[string]any {
		resp, err := http.Get("http://" + httpAddr + "/v1/models/" + id)
		if err != nil {
			return nil
		}
		defer resp.Body.Close()
		var m map[string]any
		if json.NewDecoder(resp.Body).Decode(&m) != nil {
			return nil
		}
		return m
	}
	require.Eventually(t, func() bool { return model("big") != nil }, 15*time.Second, 20*time.Millisecond)
	for _, tc := range []struct {
		id        string
		maxTokens float64
		maxInput  any
	}{
		{"big", 100, float64(2048)},                            // the chain's entry, not the configured 4096
		{builtin.Name, 64, float64(precompile.MaxReexecInput)}, // within the re-execution caps
		{"ghost", 300, nil},                                    // not on chain: as configured
	} {
		m := model(tc.id)
		require.Equal(t, tc.maxTokens, m["max_tokens"], "%s: %v", tc.id, m)
		require.Equal(t, tc.maxInput, m["max_input_tokens"], "%s: %v", tc.id, m)
	}
	require.Contains(t, logs.String(), "is not registered on chain: every proof of its jobs would be refused")
}
