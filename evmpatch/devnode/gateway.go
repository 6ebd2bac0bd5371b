package devnode

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// devGovernanceKeyHex is go-ethereum's fixed --dev key
// (cmd/utils.DeveloperKey), the key behind genesis.DevAddress. It is
// public: a devnet's governance is anyone's.
const devGovernanceKeyHex = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// DevGovernanceKey returns geth's fixed developer key, the governance of
// every dev genesis made by DevGenesis.
func DevGovernanceKey() *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(devGovernanceKeyHex)
	if err != nil {
		panic(err) // a fixed, valid key
	}
	return k
}

// GatewayHome says what SetUpGateway puts into a pars-gateway home folder.
type GatewayHome struct {
	Dir           string            // the folder (created if missing)
	Gateway       string            // the pars-gateway binary
	RPC           string            // the node's JSON-RPC endpoint
	ChainID       uint64            // the chain the gateway serves
	GovernanceKey *ecdsa.PrivateKey // the precompile's governance (registers the gateway)
	Budget        uint64            // compute units per epoch (0: pars-gateway register's default)
	KeyName       string            // the API key's name ("" means "devnet")
}

// Gateway is a pars-gateway home made by SetUpGateway.
type Gateway struct {
	Key       string      // the gateway's key file (`pars-gateway keygen`)
	GatewayID common.Hash // its id, registered on chain
	APIKeys   string      // the hashed client key file (--api-keys)
	APIKey    string      // Dir/api_key: the one client key, in clear
}

// SetUpGateway prepares a pars-gateway home with the real binary: a fresh
// ML-DSA gateway key (Dir/gateway.key), registered on chain with its
// compute-unit budget by `pars-gateway register` sending from the
// governance key (imported into Dir/governance with the passphrase in
// Dir/governance.pass), and one client API key whose secret is written to
// Dir/api_key (its hash to Dir/api-keys.json).
func SetUpGateway(ctx context.Context, h GatewayHome) (*Gateway, error) {
	if err := os.MkdirAll(h.Dir, 0o700); err != nil {
		return nil, err
	}
	gw := &Gateway{Key: filepath.Join(h.Dir, "gateway.key"), APIKeys: filepath.Join(h.Dir, "api-keys.json"), APIKey: filepath.Join(h.Dir, "api_key")}
	run := func(args ...string) ([]byte, error) {
		out, err := exec.CommandContext(ctx, h.Gateway, args...).Output()
		if err != nil {
			var stderr []byte
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = ee.Stderr
			}
			return nil, fmt.Errorf("pars-gateway %s: %v\n%s", args[0], err, stderr)
		}
		return out, nil
	}
	out, err := run("keygen", "--out", gw.Key)
	if err != nil {
		return nil, err
	}
	var k struct {
		GatewayID common.Hash `json:"gateway_id"`
	}
	if err := json.Unmarshal(out, &k); err != nil {
		return nil, fmt.Errorf("pars-gateway keygen printed %q: %w", out, err)
	}
	gw.GatewayID = k.GatewayID

	const pass = "devnet"
	govDir, passFile := filepath.Join(h.Dir, "governance"), filepath.Join(h.Dir, "governance.pass")
	ks := keystore.NewKeyStore(govDir, keystore.LightScryptN, keystore.LightScryptP)
	if _, err := ks.ImportECDSA(h.GovernanceKey, pass); err != nil {
		return nil, fmt.Errorf("import governance key: %w", err)
	}
	if err := os.WriteFile(passFile, []byte(pass+"\n"), 0o600); err != nil {
		return nil, err
	}
	args := []string{"register", "--key", gw.Key, "--rpc", h.RPC, "--chain-id", strconv.FormatUint(h.ChainID, 10),
		"--governance-keystore", govDir, "--passphrase-file", passFile}
	if h.Budget != 0 {
		args = append(args, "--budget", strconv.FormatUint(h.Budget, 10))
	}
	if _, err := run(args...); err != nil {
		return nil, err
	}
	name := h.KeyName
	if name == "" {
		name = "devnet"
	}
	if _, err := run("apikey", "add", "--keys", gw.APIKeys, "--name", name, "--out", gw.APIKey); err != nil {
		return nil, err
	}
	return gw, nil
}

// WaitGatewayRegistered polls base/healthz (base: http://HOST:PORT) every
// 200 ms until the gateway reports its key registered on chain, the
// process ends (exited is sent its Wait error), ctx ends or limit passes.
func WaitGatewayRegistered(ctx context.Context, base string, exited <-chan error, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	state := "no answer"
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("pars-gateway exited before serving: %v (its log is above)", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if s, err := healthState(ctx, base); err == nil {
			if s == "registered" {
				return nil
			}
			state = s
		}
	}
	return fmt.Errorf("pars-gateway at %s: not registered on chain within %v (last /healthz registration state: %s)", base, limit, state)
}

// healthState reads registration.state from a gateway's /healthz.
func healthState(ctx context.Context, base string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var h struct {
		Registration struct {
			State string `json:"state"`
		} `json:"registration"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		return "", fmt.Errorf("/healthz: %w", err)
	}
	return h.Registration.State, nil
}
