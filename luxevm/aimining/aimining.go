// Package aimining is the subnet-evm precompile module of IAIMining at
// 0x0000000000000000000000000000000000000300: its config key, its
// precompileconfig.Config (activation timestamp and initial parameters)
// and its Configurator, which installs the initial parameters when the
// precompile activates. Importing the package registers the module; it
// needs the patched subnet-evm (patches/subnet-evm-*.patch), whose
// registerer accepts the address.
package aimining

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/contract"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/modules"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/precompileconfig"
	"github.com/ava-labs/libevm/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/luxevm/adapter"
	"github.com/pars-network/aimining/precompile"
)

// ConfigKey names the precompile's config in a chain config's genesis
// precompiles and in upgrade.json's precompileUpgrades.
const ConfigKey = "parsAIMiningConfig"

// Keys caches decoded ML-DSA public keys across calls (the precompile
// checks every key it meets; the cache only saves the decoding).
var Keys = precompile.NewKeyCache(precompile.DefaultKeyCacheSize)

// Module is the registered module of 0x0300.
var Module = modules.Module{
	ConfigKey:    ConfigKey,
	Address:      precompile.Address,
	Contract:     adapter.New(precompile.New(precompile.WithKeyCache(Keys))),
	Configurator: configurator{},
}

func init() {
	if err := modules.RegisterModule(Module); err != nil {
		panic(fmt.Sprintf("register IAIMining at %v: %v", precompile.Address, err))
	}
}

// Config activates (or, with disable, deactivates) 0x0300 at a block
// timestamp. Params are the initial parameters the precompile starts with
// (the JSON of precompile.Params; fields left out keep
// precompile.DefaultParams' values); Governance, when set, replaces theirs.
type Config struct {
	precompileconfig.Upgrade
	Governance *common.Address `json:"governance,omitempty"`
	Params     json.RawMessage `json:"params,omitempty"`
}

var _ precompileconfig.Config = (*Config)(nil)

// NewConfig returns the config that activates 0x0300 at timestamp with p.
func NewConfig(timestamp uint64, p precompile.Params) (*Config, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("%s: encode parameters: %w", ConfigKey, err)
	}
	return &Config{Upgrade: precompileconfig.Upgrade{BlockTimestamp: &timestamp}, Params: raw}, nil
}

// NewDisableConfig returns the config that deactivates 0x0300 at timestamp
// (subnet-evm then self-destructs the account, storage included).
func NewDisableConfig(timestamp uint64) *Config {
	return &Config{Upgrade: precompileconfig.Upgrade{BlockTimestamp: &timestamp, Disable: true}}
}

// Key returns ConfigKey.
func (*Config) Key() string { return ConfigKey }

// Verify checks the initial parameters of an activating config.
func (c *Config) Verify(precompileconfig.ChainConfig) error {
	if c.Disable {
		if len(c.Params) != 0 || c.Governance != nil {
			return fmt.Errorf("%s: a disabling config takes no parameters", ConfigKey)
		}
		return nil
	}
	_, err := c.InitialParams()
	return err
}

// Equal reports whether other activates 0x0300 at the same time with the
// same initial parameters.
func (c *Config) Equal(other precompileconfig.Config) bool {
	o, ok := other.(*Config)
	if !ok || !c.Upgrade.Equal(&o.Upgrade) {
		return false
	}
	if c.Disable {
		return true
	}
	a, errA := c.InitialParams()
	b, errB := o.InitialParams()
	if errA != nil || errB != nil {
		return errA == nil && errB == nil && bytes.Equal(c.Params, o.Params)
	}
	return reflect.DeepEqual(a, b)
}

// InitialParams returns the config's initial parameters, validated: strict
// JSON (unknown fields and trailing data refused) over
// precompile.DefaultParams, Governance applied, a governance address
// required.
func (c *Config) InitialParams() (precompile.Params, error) {
	p := precompile.DefaultParams(common.Address{})
	if len(c.Params) != 0 {
		dec := json.NewDecoder(bytes.NewReader(c.Params))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return precompile.Params{}, fmt.Errorf("%s: params: %w", ConfigKey, err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return precompile.Params{}, fmt.Errorf("%s: params: trailing data after the JSON object", ConfigKey)
		}
	}
	if c.Governance != nil {
		p.Governance = *c.Governance
	}
	if p.Governance == (common.Address{}) {
		return precompile.Params{}, fmt.Errorf("%s: no governance address", ConfigKey)
	}
	if err := p.Validate(); err != nil {
		return precompile.Params{}, fmt.Errorf("%s: %w", ConfigKey, err)
	}
	return p, nil
}

// codeSetter is what contract.StateDB lacks of libevm's vm.StateDB to
// install the code marker.
type codeSetter interface {
	SetCode(common.Address, []byte)
}

type configurator struct{}

// MakeConfig returns an empty Config to decode into.
func (configurator) MakeConfig() precompileconfig.Config { return new(Config) }

// Configure installs 0x0300's account when the precompile activates: the
// account precompile.GenesisAccount gives for the config's parameters, as
// pars-geth's genesis alloc holds it (nonce 1, the code marker 0xfe in
// place of subnet-evm's 0x01, the parameters in storage, the bonds' sum
// credited to the balance).
func (configurator) Configure(_ precompileconfig.ChainConfig, cfg precompileconfig.Config, state contract.StateDB, _ contract.ConfigurationBlockContext) error {
	c, ok := cfg.(*Config)
	if !ok {
		return fmt.Errorf("%s: config of type %T", ConfigKey, cfg)
	}
	p, err := c.InitialParams()
	if err != nil {
		return err
	}
	acc, err := precompile.GenesisAccount(p)
	if err != nil {
		return fmt.Errorf("%s: %w", ConfigKey, err)
	}
	cs, ok := state.(codeSetter)
	if !ok {
		return fmt.Errorf("%s: state database %T cannot set code", ConfigKey, state)
	}
	state.SetNonce(precompile.Address, acc.Nonce)
	cs.SetCode(precompile.Address, bytes.Clone(acc.Code))
	for _, slot := range slices.SortedFunc(maps.Keys(acc.Storage), common.Hash.Cmp) {
		state.SetState(precompile.Address, slot, acc.Storage[slot])
	}
	if acc.Balance != nil && acc.Balance.Sign() > 0 {
		held, overflow := uint256.FromBig(acc.Balance)
		if overflow {
			return fmt.Errorf("%s: bonds above 2^256-1", ConfigKey)
		}
		state.AddBalance(precompile.Address, held)
	}
	return nil
}
