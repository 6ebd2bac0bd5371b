package nvtrust

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// Policy is the reference-value policy: which driver and VBIOS versions are
// allowed and which golden measurements the report must match. Off chain it
// is a JSON file (golden measurements can be extracted from NVIDIA's signed
// reference manifests with ParseRIM); on chain, governance sets the allowed
// versions and measurement sets.
type Policy struct {
	// AllowedDrivers lists allowed driver versions; empty allows any.
	AllowedDrivers []string `json:"allowedDrivers,omitempty"`
	// AllowedVBIOS lists allowed VBIOS versions; empty allows any.
	AllowedVBIOS []string `json:"allowedVbios,omitempty"`
	// Golden lists measurement indices and their allowed values.
	Golden []Golden `json:"goldenMeasurements,omitempty"`
}

// Golden is one measurement index (0-based, as in NVIDIA's manifests:
// index i is the report's block i+1) and its allowed values.
type Golden struct {
	Index  int      `json:"index"`
	Values []HexVal `json:"values"`
	Source string   `json:"source,omitempty"` // e.g. the manifest it came from
}

// HexVal is bytes written as hex in JSON.
type HexVal []byte

// MarshalJSON implements json.Marshaler.
func (h HexVal) MarshalJSON() ([]byte, error) { return json.Marshal(hex.EncodeToString(h)) }

// UnmarshalJSON implements json.Unmarshaler.
func (h *HexVal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := hex.DecodeString(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// LoadPolicy reads a policy JSON file.
func LoadPolicy(path string) (*Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Policy
	dec := json.NewDecoder(bytesReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("policy %s: %w", path, err)
	}
	for _, g := range p.Golden {
		if g.Index < 0 || g.Index >= NumMeasurements {
			return nil, fmt.Errorf("policy %s: measurement index %d out of range", path, g.Index)
		}
		for _, v := range g.Values {
			if len(v) != DigestSize {
				return nil, fmt.Errorf("policy %s: measurement %d value is %d bytes, want %d", path, g.Index, len(v), DigestSize)
			}
		}
	}
	return &p, nil
}

// Check applies the policy to checked evidence and returns how many
// measurements it compared.
func (p *Policy) Check(ev *Evidence) (int, error) {
	if len(p.AllowedDrivers) > 0 && !slices.Contains(p.AllowedDrivers, ev.DriverVersion) {
		return 0, fmt.Errorf("%w: driver %s is not allowed", ErrPolicy, ev.DriverVersion)
	}
	if len(p.AllowedVBIOS) > 0 && !slices.Contains(p.AllowedVBIOS, ev.VBIOSVersion) {
		return 0, fmt.Errorf("%w: VBIOS %s is not allowed", ErrPolicy, ev.VBIOSVersion)
	}
	for _, g := range p.Golden {
		if g.Index < 0 || g.Index >= NumMeasurements {
			return 0, fmt.Errorf("%w: measurement index %d out of range", ErrPolicy, g.Index)
		}
		got := ev.Report.Measurements[g.Index][:]
		if !slices.ContainsFunc(g.Values, func(v HexVal) bool { return string(v) == string(got) }) {
			return 0, fmt.Errorf("%w: measurement %d is %x, not a golden value", ErrPolicy, g.Index, got)
		}
	}
	return len(p.Golden), nil
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
