// Package genesis builds post-merge genesis specs for chains that run the
// IAIMining precompile: Pars (6133) and its sister chains Lux (96369),
// Hanzo (36963) and Zoo (200200), or any other chain id.
package genesis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/precompile"
)

// Chain ids of the networks the precompile is built for.
const (
	ParsChainID  = 6133
	LuxChainID   = 96369
	HanzoChainID = 36963
	ZooChainID   = 200200
)

// DefaultGasLimit is the genesis block gas limit (go-ethereum's dev-mode default).
const DefaultGasLimit = 11_500_000

// Upstream forks a genesis can end with (Options.LastFork). Every fork up
// to the chosen one is active at genesis; later ones are left out.
const (
	// ForkPrague ends with Prague (Shanghai, Cancun and Prague at genesis):
	// the execution side of a consensus layer at Electra, such as Prysm
	// v5, which refuses to build blocks for any later fork.
	ForkPrague = "prague"
	// ForkOsaka ends with Osaka: the execution side of Fulu.
	ForkOsaka = "osaka"
	// ForkBogota ends with Bogota: every fork go-ethereum v1.17.10's dev
	// mode enables. It is the default.
	ForkBogota = "bogota"
)

// DevAddress is the account geth --dev uses when its keystore is empty
// (key b71c71a6…f291, cmd/utils.DeveloperKey). Prefund it to run a dev node.
var DevAddress = common.HexToAddress("0x71562b71999873DB5b286dF957af199Ec94617F7")

// Options describe one chain's genesis.
type Options struct {
	ChainID        uint64
	ActivationTime uint64 // parsAIMiningTime: 0x0300 is active in blocks with timestamp >= this
	Timestamp      uint64 // genesis block timestamp
	GasLimit       uint64 // 0 = DefaultGasLimit
	Governance     common.Address
	Alloc          types.GenesisAlloc // extra accounts (prefunded dev accounts, ...)
	// Params are the precompile's initial parameters; nil means
	// precompile.DefaultParams. Governance, when set, overrides theirs.
	Params *precompile.Params
	// InstallAtActivation leaves 0x0300 out of the alloc and puts the
	// initial parameters into the chain config (parsAIMiningParams)
	// instead: the node installs the account in the first block at or after
	// ActivationTime, as on an existing chain that adds the precompile.
	InstallAtActivation bool
	// LastFork is the last upstream fork active at genesis: ForkPrague,
	// ForkOsaka or ForkBogota ("" means ForkBogota). A chain driven by a
	// consensus client must not schedule forks that client cannot drive.
	LastFork string
}

// params returns o's initial parameters, validated.
func (o Options) params() (precompile.Params, error) {
	p := precompile.DefaultParams(o.Governance)
	if o.Params != nil {
		p = *o.Params
		if o.Governance != (common.Address{}) {
			p.Governance = o.Governance
		}
	}
	if err := p.Validate(); err != nil {
		return precompile.Params{}, fmt.Errorf("genesis: %w", err)
	}
	return p, nil
}

// Account returns the 0x0300 alloc entry for o: nonce 1, the code marker and
// the precompile's initial parameters in storage.
func Account(o Options) (types.Account, error) {
	p, err := o.params()
	if err != nil {
		return types.Account{}, err
	}
	return precompile.GenesisAccount(p)
}

// Upgrade is what an existing chain adds to its chain config to activate the
// precompile at a later block time: the node installs 0x0300 with Params in
// the first block at or after ParsAIMiningTime.
type Upgrade struct {
	ParsAIMiningTime   uint64          `json:"parsAIMiningTime"`
	ParsAIMiningParams json.RawMessage `json:"parsAIMiningParams"`
}

// NewUpgrade returns the chain config fields that activate the precompile
// with o's parameters at o.ActivationTime on an existing chain.
func NewUpgrade(o Options) (*Upgrade, error) {
	p, err := o.params()
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("genesis: encode parameters: %w", err)
	}
	return &Upgrade{ParsAIMiningTime: o.ActivationTime, ParsAIMiningParams: raw}, nil
}

// ConfigAccount returns the 0x0300 account for the initial parameters in a
// chain config's parsAIMiningParams (strict JSON, the field names of
// precompile.Params), as GenesisAccount gives it.
func ConfigAccount(c *params.ChainConfig) (types.Account, error) {
	if len(c.ParsAIMiningParams) == 0 {
		return types.Account{}, errors.New("genesis: the chain config has no parsAIMiningParams")
	}
	dec := json.NewDecoder(bytes.NewReader(c.ParsAIMiningParams))
	dec.DisallowUnknownFields()
	var p precompile.Params
	if err := dec.Decode(&p); err != nil {
		return types.Account{}, fmt.Errorf("genesis: parsAIMiningParams: %w", err)
	}
	return precompile.GenesisAccount(p)
}

// New returns a genesis with every fork go-ethereum v1.17.10's dev mode
// enables (through Prague, Osaka and Bogota, merged at genesis) or those up
// to o.LastFork, the chain's id, parsAIMiningTime, the standard precompile and system-contract accounts
// and the 0x0300 account (or, with InstallAtActivation, parsAIMiningParams).
func New(o Options) (*core.Genesis, error) {
	if o.ChainID == 0 {
		return nil, errors.New("genesis: chain id is required")
	}
	if o.Governance == (common.Address{}) && (o.Params == nil || o.Params.Governance == (common.Address{})) {
		return nil, errors.New("genesis: governance address is required")
	}
	if o.GasLimit == 0 {
		o.GasLimit = DefaultGasLimit
	}
	dev := core.DeveloperGenesisBlock(o.GasLimit, nil)
	config := *dev.Config
	config.ChainID = new(big.Int).SetUint64(o.ChainID)
	config.ParsAIMiningTime = &o.ActivationTime
	switch o.LastFork {
	case "", ForkBogota:
	case ForkOsaka:
		config.BogotaTime = nil
	case ForkPrague:
		config.OsakaTime, config.BogotaTime = nil, nil
	default:
		return nil, fmt.Errorf("genesis: unknown last fork %q (want %s, %s or %s)", o.LastFork, ForkPrague, ForkOsaka, ForkBogota)
	}
	if err := config.CheckConfigForkOrder(); err != nil {
		return nil, fmt.Errorf("genesis: %w", err)
	}
	g := &core.Genesis{
		Config:     &config,
		Timestamp:  o.Timestamp,
		GasLimit:   o.GasLimit,
		BaseFee:    big.NewInt(params.InitialBaseFee),
		Difficulty: big.NewInt(0),
		Alloc:      maps.Clone(dev.Alloc),
	}
	for addr, acc := range o.Alloc {
		if addr == precompile.Address {
			return nil, fmt.Errorf("genesis: %v is reserved for the precompile", addr)
		}
		g.Alloc[addr] = acc
	}
	if o.InstallAtActivation {
		u, err := NewUpgrade(o)
		if err != nil {
			return nil, err
		}
		config.ParsAIMiningParams = u.ParsAIMiningParams
		return g, nil
	}
	acc, err := Account(o)
	if err != nil {
		return nil, err
	}
	g.Alloc[precompile.Address] = acc
	return g, nil
}
