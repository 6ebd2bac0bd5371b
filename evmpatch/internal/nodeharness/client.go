package nodeharness

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/teleport/relayer"
)

// Client sends transactions to 0x0300 and reads its views through one
// node's JSON-RPC, failing the test on anything unexpected.
type Client struct {
	Name    string            // names the node in failure messages
	EC      *ethclient.Client // the node's JSON-RPC
	ChainID uint64            // chain id transactions are signed for
	Gas     uint64            // gas limit of every transaction and eth_call
	Timeout time.Duration     // bound on one JSON-RPC call
	Wait    time.Duration     // bound on waiting for the receipts of one Receipts call
}

func (c *Client) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), c.Timeout)
}

// Nonce returns the pending nonce of from.
func (c *Client) Nonce(t testing.TB, from common.Address) uint64 {
	t.Helper()
	ctx, cancel := c.ctx()
	defer cancel()
	n, err := c.EC.PendingNonceAt(ctx, from)
	if err != nil {
		t.Fatalf("%s: nonce: %v", c.Name, err)
	}
	return n
}

// SendTx signs a dynamic-fee transaction from key to 0x0300 with the given
// nonce and calldata (50 gwei fee cap, 1 gwei tip, c.Gas), sends it, and
// returns it without waiting.
func (c *Client) SendTx(t testing.TB, key *ecdsa.PrivateKey, nonce uint64, data []byte) *types.Transaction {
	t.Helper()
	to := precompile.Address
	id := new(big.Int).SetUint64(c.ChainID)
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: id, Nonce: nonce, To: &to, Gas: c.Gas,
		GasFeeCap: big.NewInt(50e9), GasTipCap: big.NewInt(1e9), Data: data,
	}), types.LatestSignerForChainID(id), key)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := c.ctx()
	defer cancel()
	if err := c.EC.SendTransaction(ctx, tx); err != nil {
		t.Fatalf("%s: send: %v", c.Name, err)
	}
	return tx
}

// Receipts waits, all together at most c.Wait, for the receipts of hashes.
// "Not found" and "transaction indexing is in progress" are waited out; any
// other error fails the test.
func (c *Client) Receipts(t testing.TB, hashes ...common.Hash) []*types.Receipt {
	t.Helper()
	deadline := time.Now().Add(c.Wait)
	rs := make([]*types.Receipt, len(hashes))
	for i, h := range hashes {
		for {
			ctx, cancel := c.ctx()
			r, err := c.EC.TransactionReceipt(ctx, h)
			cancel()
			if err == nil {
				rs[i] = r
				break
			}
			if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
				t.Fatalf("%s: receipt %v: %v", c.Name, h, err)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: transaction %v not mined within %v", c.Name, h, c.Wait)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return rs
}

// Send sends one transaction per calldata to 0x0300 from key, with
// consecutive nonces so that they can share a block, and returns their
// receipts (see Receipts), whatever their status.
func (c *Client) Send(t testing.TB, key *ecdsa.PrivateKey, data ...[]byte) []*types.Receipt {
	t.Helper()
	nonce := c.Nonce(t, crypto.PubkeyToAddress(key.PublicKey))
	hashes := make([]common.Hash, len(data))
	for i, d := range data {
		hashes[i] = c.SendTx(t, key, nonce+uint64(i), d).Hash()
	}
	return c.Receipts(t, hashes...)
}

// Call makes eth_call of data to 0x0300 from the dev account at block
// (nil: latest) and returns its output; or the refusal decoded with
// precompile.DecodeRevert (nil when the error carries none) and the error.
func (c *Client) Call(t testing.TB, data []byte, block *big.Int) ([]byte, *precompile.Revert, error) {
	t.Helper()
	ctx, cancel := c.ctx()
	defer cancel()
	to := precompile.Address
	out, err := c.EC.CallContract(ctx, ethereum.CallMsg{From: genesis.DevAddress, To: &to, Gas: c.Gas, Data: data}, block)
	if err == nil {
		return out, nil, nil
	}
	return nil, relayer.RevertOf(err), err
}

// View calls the view method of 0x0300 with args at the latest block and
// returns its unpacked results, failing the test on a refusal or error.
func (c *Client) View(t testing.TB, method string, args ...any) []any {
	t.Helper()
	out, rev, err := c.Call(t, Pack(t, method, args...), nil)
	if rev != nil {
		t.Fatalf("%s: %s: %v", c.Name, method, rev)
	}
	if err != nil {
		t.Fatalf("%s: %s: %v", c.Name, method, err)
	}
	v, err := precompile.ABI().Unpack(method, out)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Pack packs a call of method of IAIMining with args, failing the test if
// they do not fit.
func Pack(t testing.TB, method string, args ...any) []byte {
	t.Helper()
	b, err := precompile.ABI().Pack(method, args...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
