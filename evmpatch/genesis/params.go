package genesis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
)

// ParseParams reads the precompile's initial parameters from JSON (the
// field names of precompile.Params; big numbers as decimal or 0x-hex
// strings). Fields the JSON leaves out keep precompile.DefaultParams'
// values, so a file names only what it changes. governance, when not the
// zero address, replaces the file's governance. Unknown fields, trailing
// data and parameters that precompile.Params.Validate refuses are errors.
func ParseParams(data []byte, governance common.Address) (precompile.Params, error) {
	p := precompile.DefaultParams(common.Address{})
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return precompile.Params{}, fmt.Errorf("parameters: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return precompile.Params{}, errors.New("parameters: trailing data after the JSON object")
	}
	if governance != (common.Address{}) {
		p.Governance = governance
	}
	if p.Governance == (common.Address{}) {
		return precompile.Params{}, errors.New("parameters: no governance address (give --governance 0xADDRESS or a \"governance\" field)")
	}
	if err := p.Validate(); err != nil {
		return precompile.Params{}, fmt.Errorf("parameters: %w", err)
	}
	return p, nil
}

// LoadParams is ParseParams of the file at path.
func LoadParams(path string, governance common.Address) (precompile.Params, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return precompile.Params{}, fmt.Errorf("read parameters: %w", err)
	}
	p, err := ParseParams(b, governance)
	if err != nil {
		return precompile.Params{}, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// ParamsTemplate returns precompile.DefaultParams as indented JSON, every
// field with its default: the starting point of a --params file. The
// governance field is left out when governance is the zero address (it
// then comes from --governance).
func ParamsTemplate(governance common.Address) ([]byte, error) {
	p := precompile.DefaultParams(governance)
	// The outer field hides the embedded one of the same JSON name and is
	// left out when nil.
	var t struct {
		Governance *common.Address `json:"governance,omitempty"`
		*precompile.Params
	}
	t.Params = &p
	if governance != (common.Address{}) {
		t.Governance = &governance
	}
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("parameters template: %w", err)
	}
	return append(b, '\n'), nil
}
