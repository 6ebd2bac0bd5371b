package miner

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
)

// Backend kinds.
const (
	BackendBuiltin = "builtin"
	BackendOpenAI  = "openai"
)

// Defaults applied by Config.Validate to settings left out of the file.
const (
	DefaultConcurrency    = 1
	DefaultJobInterval    = 10 * time.Second
	DefaultReceiptTimeout = 2 * time.Minute
	DefaultMaxResubmits   = 5
	DefaultMaxTokens      = 64
	DefaultBackendTimeout = 120 * time.Second
	DefaultBytesPerToken  = 4
	DefaultMetricsListen  = "127.0.0.1:9477"
	DefaultBuiltinDevice  = "cpu"
	DefaultTokenSymbol    = "AI"
)

// Config is the miner's configuration file (TOML). See
// cmd/pars-miner/config.example.toml for a commented example.
type Config struct {
	Network NetworkConfig `toml:"network"`
	Mining  MiningConfig  `toml:"mining"`
	Backend BackendConfig `toml:"backend"`
	GPU     GPUConfig     `toml:"gpu"`
	Zap     ZapConfig     `toml:"zap"`
	Metrics MetricsConfig `toml:"metrics"`

	// Path is the file the configuration was read from ("" when parsed from
	// memory). Relative paths in the file are relative to its folder.
	Path string `toml:"-"`

	metricsListenSet bool
}

// NetworkConfig selects the chain.
type NetworkConfig struct {
	// ChainID is the chain every proof is bound to; the node must report the
	// same eth_chainId. It must fit in 32 bits (WorkContext.chain_id).
	ChainID uint64 `toml:"chain_id"`
	// RPCEndpoint is the node's JSON-RPC endpoint: http(s)://, ws(s):// or
	// the path of an IPC socket.
	RPCEndpoint string `toml:"rpc_endpoint"`
	// TokenSymbol is the symbol of the AI token that rewards and mining
	// balances are paid in (18 decimals), shown beside balances (default
	// DefaultTokenSymbol).
	TokenSymbol string `toml:"token_symbol"`
}

// MiningConfig holds the keys, the beneficiary and the work loop settings.
type MiningConfig struct {
	// WalletPath is the encrypted ML-DSA wallet made by `pars-miner keygen`.
	WalletPath string `toml:"wallet_path"`
	// Models are the models to mine with; each must be offered by the
	// back-end.
	Models []string `toml:"models"`
	// Beneficiary is the EVM address credited with rewards (signed into
	// every proof).
	Beneficiary string `toml:"beneficiary"`
	// GasKeystore is a go-ethereum keystore folder; GasAccount the address
	// in it that pays for submission transactions.
	GasKeystore string `toml:"gas_keystore"`
	GasAccount  string `toml:"gas_account"`
	// PassphraseFile / PassphraseEnv give the wallet passphrase (the file's
	// first line, or the named environment variable). Without either the
	// miner prompts on the terminal.
	PassphraseFile string `toml:"passphrase_file"`
	PassphraseEnv  string `toml:"passphrase_env"`
	// GasPassphraseFile / GasPassphraseEnv give the gas account's
	// passphrase; when both are empty the wallet passphrase settings are
	// used for it too.
	GasPassphraseFile string `toml:"gas_passphrase_file"`
	GasPassphraseEnv  string `toml:"gas_passphrase_env"`
	// Concurrency is the number of jobs worked on at once (1..64).
	Concurrency int `toml:"concurrency"`
	// JobInterval is how often the miner makes itself a job in devnet mode
	// (no gateway).
	JobInterval time.Duration `toml:"job_interval"`
	// Confirmations says when submitted work is final: a number of blocks
	// (1..64, counting the one holding the transaction), or "finalized"
	// (the default), the node's finalized block. Until then the miner
	// follows the transaction and sends the work again if a reorganisation
	// drops it (finality.go).
	Confirmations Confirmations `toml:"confirmations"`
	// BatchConfig: batch_max_items and batch_max_age (batcher.go).
	BatchConfig
	// ReceiptTimeout is how long to wait for a receipt before broadcasting
	// the transaction again.
	ReceiptTimeout time.Duration `toml:"receipt_timeout"`
	// MaxResubmits bounds how often one proof is sent again after its
	// transaction vanished (reorg, dropped from the pool) or ran out of gas.
	MaxResubmits int `toml:"max_resubmits"`
	// MaxFeeGwei caps maxFeePerGas in gwei (0: no cap).
	MaxFeeGwei uint64 `toml:"max_fee_gwei"`
	// AutoBond makes the miner bond its miner id when it starts mining and
	// the bond is below the chain's minimum: the gas account sends the
	// missing amount (native coin) with bond(minerId). Without it the
	// miner only warns; bond with `pars-miner bond`.
	AutoBond bool `toml:"auto_bond"`
	// Finalize makes the miner credit its own pending rewards with
	// finalizeWork once their challenge window has passed (default true;
	// anyone may finalize, so a separate keeper can do it instead).
	Finalize *bool `toml:"finalize"`
}

// Confirmations is mining.confirmations. In the file it is a number of
// blocks or the string "finalized"; left out it is "finalized".
type Confirmations struct {
	// Blocks is the depth that makes work final, counting the block that
	// holds it; 0 means the finalized block tag.
	Blocks uint64
	bad    string // what the file held, when it is no valid value
}

// FinalizedTag is the mining.confirmations value that waits for the node's
// finalized block.
const FinalizedTag = "finalized"

// Finalized reports whether work is final only in a finalized block.
func (c Confirmations) Finalized() bool { return c.Blocks == 0 }

// String renders the value as the file writes it.
func (c Confirmations) String() string {
	if c.Finalized() {
		return FinalizedTag
	}
	return strconv.FormatUint(c.Blocks, 10)
}

// UnmarshalTOML implements toml.Unmarshaler: an integer or "finalized".
// Values out of range are reported by Validate.
func (c *Confirmations) UnmarshalTOML(v any) error {
	*c = Confirmations{}
	switch x := v.(type) {
	case int64:
		if x < 1 || x > 64 {
			c.bad = strconv.FormatInt(x, 10)
		} else {
			c.Blocks = uint64(x)
		}
	case string:
		if x != FinalizedTag {
			c.bad = strconv.Quote(x)
		}
	default:
		c.bad = fmt.Sprintf("%v", v)
	}
	return nil
}

func (c Confirmations) check() string {
	if c.bad != "" || c.Blocks > 64 {
		got := c.bad
		if got == "" {
			got = strconv.FormatUint(c.Blocks, 10)
		}
		return fmt.Sprintf("mining.confirmations must be 1..64 (blocks) or %q, not %s", FinalizedTag, got)
	}
	return ""
}

// FinalizeEnabled reports whether the miner finalizes its pending rewards
// (mining.finalize, default true).
func (m *MiningConfig) FinalizeEnabled() bool { return m.Finalize == nil || *m.Finalize }

// BackendConfig selects the inference back-end.
type BackendConfig struct {
	// Kind is "builtin" (the CPU model in miner/builtin) or "openai" (an
	// OpenAI-compatible server: vLLM, llama.cpp, Ollama).
	Kind string `toml:"kind"`
	// URL is the OpenAI-compatible server (openai only).
	URL string `toml:"url"`
	// APIKeyEnv names an environment variable holding a bearer token
	// (openai only, optional).
	APIKeyEnv string `toml:"api_key_env"`
	// Timeout bounds one inference request.
	Timeout time.Duration `toml:"timeout"`
	// MaxTokens is the number of output tokens asked for per job the
	// miner makes itself; a gateway's job carries its own limit.
	MaxTokens int `toml:"max_tokens"`
	// Models describe the models an openai back-end serves.
	Models []ModelConfig `toml:"models"`
}

// ModelConfig describes one model served by an OpenAI-compatible back-end.
// What a proof earns comes from the chain's model registry (parameter
// count, token rule, limits), never from these values or from what the
// server reports: the miner reads the registry when it starts and counts
// tokens by the chain's rule.
type ModelConfig struct {
	// Name is the model's name in mining.models.
	Name string `toml:"name"`
	// ServedName is the model name sent to the server (default: Name).
	ServedName string `toml:"served_name"`
	// Weights is the weights file; the model hash is proof.HashModel of its
	// bytes, computed at start-up. Exactly one of Weights and Hash is set.
	Weights string `toml:"weights"`
	// Hash is the model hash as 0x-hex, for when the weights file is not on
	// this machine.
	Hash string `toml:"hash"`
	// Parameters is the model's parameter count, used only for local
	// estimates until the chain's registry is read (optional; it does not
	// affect pay).
	Parameters uint64 `toml:"parameters"`
	// BytesPerToken converts bytes into tokens until the chain's registry
	// is read (default 4; the registry's ratio replaces it).
	BytesPerToken uint64 `toml:"bytes_per_token"`
	// Vision says the server takes images for this model (OpenAI content
	// parts with image_url data URLs, as llama.cpp's and vLLM's multimodal
	// servers do): the miner then offers the gateway the vision capability
	// for it.
	Vision bool `toml:"vision"`
}

// GPUConfig describes the devices.
type GPUConfig struct {
	// EnableNVTrust attaches NVIDIA NVTrust evidence (an SPDM report from
	// the GPU, through NVML) to every proof, for the attested trust tier.
	// Each device must be in confidential computing mode and registered on
	// chain (`pars-miner attest register`). When evidence cannot be had the
	// miner logs why and mines at the software-only tier.
	EnableNVTrust bool `toml:"enable_nvtrust"`
	// RequireNVTrust makes that fallback fatal: the miner refuses to start
	// (and a proof fails) when the GPU cannot attest. It needs
	// enable_nvtrust.
	RequireNVTrust bool `toml:"require_nvtrust"`
	// DeviceIDs name the devices jobs run on (CUDA indices or GPU UUIDs);
	// worker i uses DeviceIDs[i % len]. Default: ["cpu"] for the builtin
	// back-end, ["0"] otherwise.
	DeviceIDs []string `toml:"device_ids"`
}

// ZapConfig configures the ZAP gateway that hands out jobs.
type ZapConfig struct {
	// Gateway is the ZAP gateway's address, zap://host:port. When set, the
	// miner registers with it and mines only the jobs it hands out (see
	// zap.go); otherwise it makes its own jobs (devnet mode).
	Gateway string `toml:"gateway"`
	// GatewayID optionally pins the gateway's key id (0x-hex, 32 bytes):
	// the miner refuses a gateway with another key.
	GatewayID string `toml:"gateway_id"`
}

// MetricsConfig configures the Prometheus endpoint.
type MetricsConfig struct {
	// Listen is host:port for /metrics (default 127.0.0.1:9477); set it to
	// "" to turn metrics off.
	Listen string `toml:"listen"`
}

// ConfigError lists everything wrong with a configuration file.
type ConfigError struct {
	Path     string
	Problems []string
}

// Error implements error.
func (e *ConfigError) Error() string {
	where := e.Path
	if where == "" {
		where = "config"
	}
	if len(e.Problems) == 1 {
		return where + ": " + e.Problems[0]
	}
	return where + ":\n  " + strings.Join(e.Problems, "\n  ")
}

// ErrGatewayUnavailable was returned by Open when zap.gateway was set,
// before the miner had a gateway mode. Nothing returns it any more.
//
// Deprecated: gateway mode is available (zap.go).
var ErrGatewayUnavailable = errors.New("zap.gateway is set, but gateway mode is not available in this miner")

// LoadConfig reads, decodes and validates the configuration file at path.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("config file %s does not exist", path)
		}
		return nil, fmt.Errorf("read config file: %w", err)
	}
	cfg, err := ParseConfig(data, path)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// ParseConfig decodes and validates a configuration. path names the file in
// errors and anchors relative paths; it may be "".
func ParseConfig(data []byte, path string) (*Config, error) {
	cfg := &Config{Path: path}
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &ConfigError{Path: path, Problems: []string{fmt.Sprintf("line %d: %s", perr.Position.Line, perr.Message)}}
		}
		return nil, &ConfigError{Path: path, Problems: []string{err.Error()}}
	}
	var problems []string
	for _, k := range md.Undecoded() {
		problems = append(problems, fmt.Sprintf("unknown key %q", k.String()))
	}
	cfg.metricsListenSet = md.IsDefined("metrics", "listen")
	if err := cfg.validate(); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			problems = append(problems, ce.Problems...)
		} else {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &ConfigError{Path: path, Problems: problems}
	}
	return cfg, nil
}

// Validate applies defaults and checks every setting. It touches neither the
// network nor secret files.
func (c *Config) Validate() error { return c.validate() }

func (c *Config) validate() error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	// [network]
	switch {
	case c.Network.ChainID == 0:
		bad("network.chain_id is missing (e.g. 6133 for Pars)")
	case c.Network.ChainID > math.MaxUint32:
		bad("network.chain_id %d does not fit in 32 bits (WorkContext.chain_id is a uint32)", c.Network.ChainID)
	}
	if c.Network.TokenSymbol == "" {
		c.Network.TokenSymbol = DefaultTokenSymbol
	}
	if len(c.Network.TokenSymbol) > 11 || strings.ContainsFunc(c.Network.TokenSymbol, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		bad("network.token_symbol %q must be 1..11 characters without spaces", c.Network.TokenSymbol)
	}
	if c.Network.RPCEndpoint == "" {
		bad("network.rpc_endpoint is missing (e.g. http://127.0.0.1:8545)")
	} else if err := checkRPCEndpoint(c.Network.RPCEndpoint); err != nil {
		bad("network.rpc_endpoint: %v", err)
	}

	// [mining]
	m := &c.Mining
	if m.WalletPath == "" {
		bad("mining.wallet_path is missing (create a wallet with `pars-miner keygen --out wallet.json`)")
	}
	if m.Beneficiary == "" {
		bad("mining.beneficiary is missing (the EVM address credited with rewards)")
	} else if addr, err := ParseAddress(m.Beneficiary); err != nil {
		bad("mining.beneficiary: %v", err)
	} else if addr == (common.Address{}) {
		bad("mining.beneficiary is the zero address; rewards would be lost")
	}
	if m.GasKeystore == "" {
		bad("mining.gas_keystore is missing (a go-ethereum keystore folder)")
	}
	if m.GasAccount == "" {
		bad("mining.gas_account is missing (the keystore account that pays gas)")
	} else if _, err := ParseAddress(m.GasAccount); err != nil {
		bad("mining.gas_account: %v", err)
	}
	for _, env := range []struct{ key, val string }{
		{"mining.passphrase_env", m.PassphraseEnv}, {"mining.gas_passphrase_env", m.GasPassphraseEnv}, {"backend.api_key_env", c.Backend.APIKeyEnv},
	} {
		if env.val != "" && !validEnvName(env.val) {
			bad("%s: %q is not an environment variable name", env.key, env.val)
		}
	}
	if m.Concurrency == 0 {
		m.Concurrency = DefaultConcurrency
	}
	if m.Concurrency < 1 || m.Concurrency > 64 {
		bad("mining.concurrency must be 1..64, not %d", m.Concurrency)
	}
	if m.JobInterval == 0 {
		m.JobInterval = DefaultJobInterval
	}
	if m.JobInterval < 10*time.Millisecond {
		bad("mining.job_interval must be at least 10ms, not %v", m.JobInterval)
	}
	if msg := m.Confirmations.check(); msg != "" {
		bad("%s", msg)
	}
	if m.ReceiptTimeout == 0 {
		m.ReceiptTimeout = DefaultReceiptTimeout
	}
	if m.ReceiptTimeout < 0 {
		bad("mining.receipt_timeout must be positive, not %v", m.ReceiptTimeout)
	}
	if m.MaxResubmits == 0 {
		m.MaxResubmits = DefaultMaxResubmits
	}
	if m.MaxResubmits < 0 || m.MaxResubmits > 100 {
		bad("mining.max_resubmits must be 1..100, not %d", m.MaxResubmits)
	}
	m.BatchConfig.applyDefaults(bad)

	// [backend]
	b := &c.Backend
	if b.Timeout == 0 {
		b.Timeout = DefaultBackendTimeout
	}
	if b.Timeout < 0 {
		bad("backend.timeout must be positive, not %v", b.Timeout)
	}
	if b.MaxTokens == 0 {
		b.MaxTokens = DefaultMaxTokens
	}
	if b.MaxTokens < 1 || b.MaxTokens > 8192 {
		bad("backend.max_tokens must be 1..8192, not %d", b.MaxTokens)
	}
	offered := map[string]bool{}
	switch b.Kind {
	case "":
		bad("backend.kind is missing (%q or %q)", BackendBuiltin, BackendOpenAI)
	case BackendBuiltin:
		if b.URL != "" {
			bad("backend.url is set, but the builtin back-end runs in-process; remove it or use kind = %q", BackendOpenAI)
		}
		if len(b.Models) > 0 {
			bad("backend.models is only for kind = %q; the builtin back-end has the one model %q", BackendOpenAI, builtin.Name)
		}
		offered[builtin.Name] = true
	case BackendOpenAI:
		if b.URL == "" {
			bad("backend.url is missing (the OpenAI-compatible server, e.g. http://127.0.0.1:8000)")
		} else if u, err := url.Parse(b.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("backend.url %q must be an http:// or https:// URL", b.URL)
		}
		if len(b.Models) == 0 {
			bad("backend.models is empty: describe each served model in a [[backend.models]] table")
		}
		for i := range b.Models {
			mc := &b.Models[i]
			where := fmt.Sprintf("backend.models[%d]", i)
			if mc.Name == "" {
				bad("%s.name is missing", where)
				continue
			}
			where = fmt.Sprintf("backend.models[%d] (%s)", i, mc.Name)
			if offered[mc.Name] {
				bad("%s: model %q is described twice", where, mc.Name)
			}
			offered[mc.Name] = true
			if mc.ServedName == "" {
				mc.ServedName = mc.Name
			}
			switch {
			case mc.Weights == "" && mc.Hash == "":
				bad("%s: set weights (a file to hash) or hash (0x-hex model hash)", where)
			case mc.Weights != "" && mc.Hash != "":
				bad("%s: set only one of weights and hash", where)
			case mc.Hash != "":
				if _, err := parseHash(mc.Hash); err != nil {
					bad("%s.hash: %v", where, err)
				}
			}
			if mc.BytesPerToken == 0 {
				mc.BytesPerToken = DefaultBytesPerToken
			}
			if mc.BytesPerToken > 64 {
				bad("%s.bytes_per_token must be 1..64, not %d", where, mc.BytesPerToken)
			}
		}
	default:
		bad("backend.kind %q is unknown (want %q or %q)", b.Kind, BackendBuiltin, BackendOpenAI)
	}
	if len(m.Models) == 0 {
		bad("mining.models is empty (e.g. [%q])", builtin.Name)
	}
	seen := map[string]bool{}
	for _, name := range m.Models {
		switch {
		case seen[name]:
			bad("mining.models lists %q twice", name)
		case b.Kind != "" && len(offered) > 0 && !offered[name]:
			bad("mining.models: model %q is not offered by the %s back-end (it offers %s)", name, b.Kind, strings.Join(sortedKeys(offered), ", "))
		}
		seen[name] = true
	}

	// [gpu]
	if c.GPU.RequireNVTrust && !c.GPU.EnableNVTrust {
		bad("gpu.require_nvtrust needs gpu.enable_nvtrust = true")
	}
	devSeen := map[string]bool{}
	for i, d := range c.GPU.DeviceIDs {
		switch {
		case strings.TrimSpace(d) == "":
			bad("gpu.device_ids[%d] is empty", i)
		case devSeen[d]:
			bad("gpu.device_ids lists %q twice", d)
		}
		devSeen[d] = true
	}
	if len(c.GPU.DeviceIDs) == 0 {
		if b.Kind == BackendBuiltin {
			c.GPU.DeviceIDs = []string{DefaultBuiltinDevice}
		} else {
			c.GPU.DeviceIDs = []string{"0"}
		}
	}

	// [zap]
	if c.Zap.Gateway != "" {
		if u, err := url.Parse(c.Zap.Gateway); err != nil || u.Host == "" || u.Port() == "" || u.Scheme != "zap" {
			bad("zap.gateway %q must be a zap://host:port address", c.Zap.Gateway)
		}
	}
	if c.Zap.GatewayID != "" {
		if _, err := parseHash(c.Zap.GatewayID); err != nil {
			bad("zap.gateway_id: %v", err)
		}
	}

	// [metrics]
	if !c.metricsListenSet && c.Metrics.Listen == "" {
		c.Metrics.Listen = DefaultMetricsListen
	}
	if c.Metrics.Listen != "" {
		host, port, err := net.SplitHostPort(c.Metrics.Listen)
		if err != nil {
			bad("metrics.listen %q must be host:port (e.g. %s): %v", c.Metrics.Listen, DefaultMetricsListen, err)
		} else if p, err := strconv.ParseUint(port, 10, 16); err != nil || (p == 0 && port != "0") {
			bad("metrics.listen %q: port %q is not a port number", c.Metrics.Listen, port)
		} else if host == "" {
			bad("metrics.listen %q has no host; write 127.0.0.1:%s for local scraping or 0.0.0.0:%s to listen everywhere", c.Metrics.Listen, port, port)
		}
	}

	if len(problems) > 0 {
		return &ConfigError{Path: c.Path, Problems: problems}
	}
	return nil
}

// ResolvePath makes a path from the file relative to the file's folder.
// A leading "~/" means the user's home folder.
func (c *Config) ResolvePath(p string) string {
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[2:])
		}
	}
	if p == "" || filepath.IsAbs(p) || c.Path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.Path), p)
}

// BeneficiaryAddress returns the parsed mining.beneficiary.
func (c *Config) BeneficiaryAddress() common.Address {
	a, _ := ParseAddress(c.Mining.Beneficiary)
	return a
}

// WalletPassphraseSource returns where the wallet passphrase comes from
// (mining.passphrase_file or mining.passphrase_env; neither: a prompt).
func (c *Config) WalletPassphraseSource() PassphraseSource {
	return PassphraseSource{File: c.ResolvePath(c.Mining.PassphraseFile), Env: c.Mining.PassphraseEnv}
}

// GasAccountAddress returns the parsed mining.gas_account.
func (c *Config) GasAccountAddress() common.Address {
	a, _ := ParseAddress(c.Mining.GasAccount)
	return a
}

// ParseAddress parses a 0x-prefixed hex EVM address. A mixed-case address
// must carry a valid EIP-55 checksum, which catches typing mistakes.
func ParseAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return common.Address{}, fmt.Errorf("%q is not an address: it must start with 0x", s)
	}
	if !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%q is not an address: want 0x and 40 hex digits", s)
	}
	a := common.HexToAddress(s)
	digits := s[2:]
	if digits != strings.ToLower(digits) && digits != strings.ToUpper(digits) && a.Hex() != "0x"+digits {
		return common.Address{}, fmt.Errorf("%q has a wrong EIP-55 checksum (did you mean %s?)", s, a.Hex())
	}
	return a, nil
}

// parseHash parses a 0x-hex 32-byte hash.
func parseHash(s string) (proof.Hash, error) {
	b, err := hexutil.Decode(s)
	if err != nil {
		return proof.Hash{}, fmt.Errorf("%q is not 0x-hex: %v", s, err)
	}
	if len(b) != 32 {
		return proof.Hash{}, fmt.Errorf("%q is %d bytes, want 32", s, len(b))
	}
	return proof.Hash(b), nil
}

// checkRPCEndpoint accepts http(s)://, ws(s):// URLs and IPC paths.
func checkRPCEndpoint(s string) error {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return fmt.Errorf("%q is not a URL: %v", s, err)
		}
		if !slices.Contains([]string{"http", "https", "ws", "wss"}, u.Scheme) {
			return fmt.Errorf("%q: scheme %q is not http, https, ws or wss", s, u.Scheme)
		}
		if u.Host == "" {
			return fmt.Errorf("%q has no host", s)
		}
		return nil
	}
	if !strings.HasSuffix(s, ".ipc") {
		return fmt.Errorf("%q is neither an http(s)/ws(s) URL nor an IPC socket path (*.ipc)", s)
	}
	return nil
}

func validEnvName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
