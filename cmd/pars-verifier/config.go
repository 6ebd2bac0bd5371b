package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/audit/logprob"
)

// Config is the verifier's configuration file (TOML); see
// config.example.toml. Command-line flags override it.
type Config struct {
	Chain     ChainConfig     `toml:"chain"`
	Audit     AuditConfig     `toml:"audit"`
	Watch     WatchConfig     `toml:"watch"`
	Account   AccountConfig   `toml:"account"`
	Committee CommitteeConfig `toml:"committee"`
}

// AccountConfig is the account that sends the watcher's transactions
// (markSelected, challenge, settleAudit, committee votes). Without a
// keystore the watcher only reads the chain and reports.
type AccountConfig struct {
	// Keystore is a go-ethereum keystore folder; Address the account in it
	// ("": the folder's only account).
	Keystore string `toml:"keystore"`
	Address  string `toml:"address"`
	// PassphraseFile / PassphraseEnv give the keystore passphrase.
	PassphraseFile string `toml:"passphrase_file"`
	PassphraseEnv  string `toml:"passphrase_env"`
	// Vote makes the watcher vote in the committees its account (an
	// admitted, staked verifier) is drawn into; it needs committee.endpoint.
	Vote bool `toml:"vote"`
}

// ChainConfig names the chain to follow.
type ChainConfig struct {
	// RPC is the node's JSON-RPC endpoint.
	RPC string `toml:"rpc"`
}

// AuditConfig holds the audit parameters. Delay 0 (the default) takes the
// seed delay and the sampling probability from the chain
// (auditParameters); a delay set here overrides both.
type AuditConfig struct {
	Delay          uint64        `toml:"delay"`
	ProbabilityBps uint16        `toml:"probability_bps"`
	Confirmations  uint64        `toml:"confirmations"`
	FromBlock      uint64        `toml:"from_block"` // 0: the latest block at start
	PollInterval   time.Duration `toml:"poll_interval"`
	RevealWindow   uint64        `toml:"reveal_window"`
}

// WatchConfig configures the watch daemon's inputs and outputs.
type WatchConfig struct {
	// RevealDir holds reveal files named <work id hex>.json ("": none).
	RevealDir string `toml:"reveal_dir"`
	// Findings is the JSON-lines file findings are appended to ("-":
	// standard output, "": only logged).
	Findings string `toml:"findings"`
}

// CommitteeConfig names the verifier's own OpenAI-compatible back-end and
// the thresholds it judges by.
type CommitteeConfig struct {
	Endpoint       string  `toml:"endpoint"`
	Model          string  `toml:"model"`
	APIKeyEnv      string  `toml:"api_key_env"`
	MinMeanLogprob float64 `toml:"min_mean_logprob"`
	Floor          float64 `toml:"floor"`
	MaxBelowFloor  int     `toml:"max_below_floor"`
	MinGreedyMatch float64 `toml:"min_greedy_match"`
}

// Thresholds returns the committee thresholds.
func (c CommitteeConfig) Thresholds() logprob.Thresholds {
	return logprob.Thresholds{MinMeanLogprob: c.MinMeanLogprob, Floor: c.Floor, MaxBelowFloor: c.MaxBelowFloor, MinGreedyMatch: c.MinGreedyMatch}
}

// defaultConfig is the configuration before the file and flags apply.
func defaultConfig() Config {
	th := logprob.DefaultThresholds
	return Config{
		Audit: AuditConfig{
			Confirmations: audit.DefaultParams.Confirmations, PollInterval: 4 * time.Second, RevealWindow: 256,
		},
		Account: AccountConfig{PassphraseEnv: "PARS_VERIFIER_PASSPHRASE"},
		Committee: CommitteeConfig{
			MinMeanLogprob: th.MinMeanLogprob, Floor: th.Floor, MaxBelowFloor: th.MaxBelowFloor, MinGreedyMatch: th.MinGreedyMatch,
		},
	}
}

// loadConfig reads path over the defaults ("" reads nothing). Unknown keys
// are refused; relative paths are taken from the file's folder.
func loadConfig(path string) (Config, error) {
	cfg := defaultConfig()
	if path == "" {
		return cfg, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("read config: %w", err)
	}
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return cfg, fmt.Errorf("config %s: unknown keys %s", path, strings.Join(keys, ", "))
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&cfg.Watch.RevealDir, &cfg.Watch.Findings, &cfg.Account.Keystore, &cfg.Account.PassphraseFile} {
		if *p != "" && *p != "-" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return cfg, nil
}

// validate checks what every command needs.
func (c Config) validate() error {
	var problems []string
	if c.Audit.Delay != 0 {
		p := audit.Params{Delay: c.Audit.Delay, ProbabilityBps: c.Audit.ProbabilityBps}
		if err := p.Validate(); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if c.Account.Vote && c.Account.Keystore == "" {
		problems = append(problems, "account.vote needs account.keystore")
	}
	if c.Audit.PollInterval <= 0 {
		problems = append(problems, "audit.poll_interval must be positive")
	}
	if err := c.Committee.Thresholds().Validate(); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return errors.New("invalid configuration: " + strings.Join(problems, "; "))
	}
	return nil
}
