package miner_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

func TestBackoffSchedule(t *testing.T) {
	b := miner.DefaultBackoff()
	want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		require.Equal(t, w, b.Delay(i), "retry %d", i)
	}
	require.Equal(t, 6, b.Attempts)
	require.Equal(t, 3*time.Second, miner.Backoff{Initial: time.Second, Max: 3 * time.Second}.Delay(5))
}

func TestBackoffDo(t *testing.T) {
	transient := rpc.HTTPError{StatusCode: 503, Status: "503 Service Unavailable"}
	final := &rpcError{code: -32000, msg: "nonce too low"}
	tests := []struct {
		name      string
		errs      []error // what op returns on each try
		wantTries int
		wantErr   error
		wantWaits []time.Duration
	}{
		{"success", []error{nil}, 1, nil, nil},
		{"transient then success", []error{transient, transient, nil}, 3, nil, []time.Duration{10 * time.Millisecond, 20 * time.Millisecond}},
		{"node error is not retried", []error{final, nil}, 1, final, nil},
		{"gives up after attempts", []error{transient, transient, transient, transient, transient}, 4, transient, []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			retries := 0
			b := miner.Backoff{Initial: 10 * time.Millisecond, Max: time.Second, Attempts: 4,
				Sleep:   func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
				OnRetry: func(int, time.Duration, error) { retries++ },
			}
			tries := 0
			err := b.Do(context.Background(), func(context.Context) error {
				err := tt.errs[tries]
				tries++
				return err
			})
			require.Equal(t, tt.wantTries, tries)
			require.Equal(t, tt.wantWaits, waits)
			require.Equal(t, len(tt.wantWaits), retries)
			if tt.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.EqualError(t, err, tt.wantErr.Error())
			}
		})
	}

	// A cancelled context stops the retries.
	ctx, cancel := context.WithCancel(context.Background())
	tries := 0
	err := miner.Backoff{Initial: time.Hour, Attempts: 10}.Do(ctx, func(context.Context) error {
		tries++
		cancel()
		return transient
	})
	require.EqualError(t, err, transient.Error())
	require.Equal(t, 1, tries)
}

// rpcError is a JSON-RPC error answer.
type rpcError struct {
	code int
	msg  string
	data any
}

func (e *rpcError) Error() string  { return e.msg }
func (e *rpcError) ErrorCode() int { return e.code }
func (e *rpcError) ErrorData() any { return e.data }

func TestIsTransient(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"503", rpc.HTTPError{StatusCode: 503}, true},
		{"429", fmt.Errorf("wrapped: %w", rpc.HTTPError{StatusCode: 429}), true},
		{"404", rpc.HTTPError{StatusCode: 404}, false},
		{"connection refused", &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"eof", io.ErrUnexpectedEOF, true},
		{"timeout", context.DeadlineExceeded, true},
		{"cancelled", context.Canceled, false},
		{"json-rpc error", &rpcError{code: -32000, msg: "insufficient funds"}, false},
		{"revert", &rpcError{code: 3, msg: "execution reverted", data: "0x"}, false},
		{"other", errors.New("boom"), false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, miner.IsTransient(tt.err), tt.name)
	}
}

func TestRevertFromError(t *testing.T) {
	a := precompile.ABI()
	spent := [32]byte{1, 2, 3}
	spentID, chainID := a.Errors["AlreadySpent"].ID, a.Errors["WrongChain"].ID
	alreadySpent := append(spentID[:4:4], spent[:]...)
	wrongChain, err := a.Errors["WrongChain"].Inputs.Pack(bigInt(6133), bigInt(1))
	require.NoError(t, err)
	wrongChain = append(chainID[:4:4], wrongChain...)

	tests := []struct {
		name       string
		err        error
		wantOK     bool
		wantReason string
	}{
		{"AlreadySpent", &rpcError{code: 3, msg: "execution reverted", data: hexutil.Encode(alreadySpent)}, true, "AlreadySpent"},
		{"WrongChain wrapped", fmt.Errorf("estimate: %w", &rpcError{code: 3, msg: "execution reverted", data: hexutil.Encode(wrongChain)}), true, "WrongChain"},
		{"unknown selector", &rpcError{code: 3, msg: "execution reverted", data: "0xdeadbeef"}, true, "reverted"},
		{"revert without data", errors.New("execution reverted"), true, "reverted"},
		{"not a revert", &rpcError{code: -32000, msg: "nonce too low"}, false, ""},
		{"transport", rpc.HTTPError{StatusCode: 502}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, ok := miner.RevertFromError(tt.err)
			require.Equal(t, tt.wantOK, ok)
			if !ok {
				return
			}
			require.Equal(t, tt.wantReason, ref.Reason)
			var r *miner.RefusedError
			require.ErrorAs(t, error(ref), &r)
		})
	}
	ref, _ := miner.RevertFromError(&rpcError{code: 3, msg: "execution reverted", data: hexutil.Encode(wrongChain)})
	require.Equal(t, "proof refused: IAIMining.WrongChain(6133, 1)", ref.Error())
	var rev *precompile.Revert
	require.ErrorAs(t, ref, &rev)
	require.Equal(t, "WrongChain", rev.Name)
}

func TestParseWorkAccepted(t *testing.T) {
	ev := precompile.ABI().Events["WorkAccepted"]
	data, err := ev.Inputs.NonIndexed().Pack(uint64(7), bigInt(4_200_000_000_000), uint64(3))
	require.NoError(t, err)
	workID, minerID := [32]byte{0xaa}, [32]byte{0xbb}
	l := &types.Log{
		Address: precompile.Address,
		Topics:  []common.Hash{ev.ID, workID, common.BytesToHash(testBeneficiary[:]), minerID},
		Data:    data, BlockNumber: 12,
	}
	got, err := miner.ParseWorkAccepted(l)
	require.NoError(t, err)
	require.Equal(t, testBeneficiary, got.Beneficiary)
	require.Equal(t, uint64(7), got.ComputeUnits)
	require.Equal(t, "4200000000000", got.Reward.String())
	require.Equal(t, uint64(3), got.Epoch)
	require.Equal(t, workID, [32]byte(got.WorkID))
	require.Equal(t, minerID, [32]byte(got.MinerID))

	other := *l
	other.Address = testBeneficiary
	_, err = miner.ParseWorkAccepted(&other)
	require.Error(t, err)
	other = *l
	other.Topics = l.Topics[:2]
	_, err = miner.ParseWorkAccepted(&other)
	require.Error(t, err)
	other = *l
	other.Data = data[:40]
	_, err = miner.ParseWorkAccepted(&other)
	require.Error(t, err)
}
