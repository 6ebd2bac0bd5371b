package nvtrust

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"time"
)

// Evidence is a report checked against a verified chain: what the GPU
// signed, tied to the device that signed it.
type Evidence struct {
	Report        *Report
	Chain         *Chain
	Identity      Identity
	DriverVersion string
	VBIOSVersion  string
	Project       string
	ProjectSKU    string
	ChipSKU       string
	FWID          []byte // nil when the report carries none
}

// CheckReport binds a parsed report to a verified chain: the signature
// verifies with the leaf key, the report's FWID (when present) equals the
// leaf certificate's, the report's chip (when present) agrees with the
// certificate's, and the signed board fields classify the device. It does
// not look at the nonce (see CheckNonce) or at policy.
func CheckReport(rep *Report, chain *Chain) (*Evidence, error) {
	if err := rep.VerifySignature(chain.Key); err != nil {
		return nil, err
	}
	ev := &Evidence{Report: rep, Chain: chain}
	var err error
	if ev.DriverVersion, err = rep.DriverVersion(); err != nil {
		return nil, err
	}
	if ev.VBIOSVersion, err = rep.VBIOSVersion(); err != nil {
		return nil, err
	}
	if ev.Project, err = rep.Project(); err != nil {
		return nil, err
	}
	if ev.ProjectSKU, err = rep.ProjectSKU(); err != nil {
		return nil, err
	}
	if ev.ChipSKU, err = rep.ChipSKU(); err != nil {
		return nil, err
	}
	fwid, has, err := rep.FWID()
	if err != nil {
		return nil, err
	}
	if has {
		leafFWID, leafHas, err := LeafFWID(chain.Certs[0])
		if err != nil {
			return nil, err
		}
		if !leafHas {
			return nil, fmt.Errorf("%w: the report has an FWID but the leaf certificate has none", ErrFWIDMismatch)
		}
		if !bytes.Equal(fwid, leafFWID) {
			return nil, fmt.Errorf("%w: report %x, certificate %x", ErrFWIDMismatch, fwid, leafFWID)
		}
		ev.FWID = fwid
	}
	reportChip, _, err := rep.ChipInfo()
	if err != nil {
		return nil, err
	}
	chip, ok := resolveChip(chain.Chip, reportChip)
	if !ok {
		return nil, fmt.Errorf("%w: certificate names chip %q, report names %q", ErrUnsupportedDevice, chain.Chip, reportChip)
	}
	ev.Identity = Classify(chip, ev.Project, ev.ProjectSKU)
	return ev, nil
}

// CheckNonce requires the report to answer nonce (for mining, the nonce
// derived from the WorkContext: proof.WorkContext.AttestationNonce).
func CheckNonce(rep *Report, nonce [NonceSize]byte) error {
	if rep.Nonce != nonce {
		return fmt.Errorf("%w: report answers %x, expected %x", ErrNonceMismatch, rep.Nonce, nonce)
	}
	return nil
}

// Options control Verify.
type Options struct {
	// Root is the pinned root; nil means NVIDIA's Device Identity root.
	Root *Certificate
	// Time is when certificates must be valid. It must be set: there is no
	// default clock (inside consensus it is the block time).
	Time time.Time
	// Nonce, when set, is the nonce the report must answer.
	Nonce *[NonceSize]byte
	// Policy, when set, restricts driver and VBIOS versions and measurements.
	Policy *Policy
}

// Claims are the verified facts about a piece of evidence, as the command
// line prints them.
type Claims struct {
	DeviceID            string    `json:"deviceId"`
	Chip                string    `json:"chip"`
	Models              []string  `json:"models"`
	ModelAmbiguous      bool      `json:"modelAmbiguous"`
	ModelNote           string    `json:"modelNote,omitempty"`
	Tier                string    `json:"tier"`
	TrustScore          int       `json:"trustScore"`
	Project             string    `json:"project"`
	ProjectSKU          string    `json:"projectSku"`
	ChipSKU             string    `json:"chipSku"`
	DriverVersion       string    `json:"driverVersion"`
	VBIOSVersion        string    `json:"vbiosVersion"`
	Nonce               string    `json:"nonce"`
	NonceChecked        bool      `json:"nonceChecked"`
	FWID                string    `json:"fwid,omitempty"`
	FWIDChecked         bool      `json:"fwidChecked"`
	PolicyChecked       bool      `json:"policyChecked"`
	MeasurementsChecked int       `json:"measurementsChecked"`
	AttestationKey      string    `json:"attestationKey"`
	Chain               []string  `json:"chain"`
	VerifiedAt          time.Time `json:"verifiedAt"`
}

// Verify checks a report and its chain (leaf first; a supplied root is
// dropped and the pinned one used) and returns the claims.
func Verify(report []byte, chain []*Certificate, opts Options) (*Claims, error) {
	if opts.Time.IsZero() {
		return nil, fmt.Errorf("nvtrust: no verification time given")
	}
	root := opts.Root
	if root == nil {
		root = DeviceIdentityRoot()
	}
	rep, err := ParseReport(report)
	if err != nil {
		return nil, err
	}
	ch, err := VerifyChain(DropSuppliedRoot(chain), root, opts.Time)
	if err != nil {
		return nil, err
	}
	ev, err := CheckReport(rep, ch)
	if err != nil {
		return nil, err
	}
	if opts.Nonce != nil {
		if err := CheckNonce(rep, *opts.Nonce); err != nil {
			return nil, err
		}
	}
	checked := 0
	if opts.Policy != nil {
		if checked, err = opts.Policy.Check(ev); err != nil {
			return nil, err
		}
	}
	if ev.Identity.Tier == TierNone {
		return nil, fmt.Errorf("%w: chip %q", ErrUnsupportedDevice, ev.Identity.Chip)
	}
	c := &Claims{
		DeviceID:            hex.EncodeToString(ch.DeviceID[:]),
		Chip:                ev.Identity.Chip,
		Models:              ev.Identity.Models,
		ModelAmbiguous:      ev.Identity.Ambiguous,
		Tier:                ev.Identity.Tier.String(),
		TrustScore:          ev.Identity.Tier.TrustScore(),
		Project:             ev.Project,
		ProjectSKU:          ev.ProjectSKU,
		ChipSKU:             ev.ChipSKU,
		DriverVersion:       ev.DriverVersion,
		VBIOSVersion:        ev.VBIOSVersion,
		Nonce:               hex.EncodeToString(rep.Nonce[:]),
		NonceChecked:        opts.Nonce != nil,
		FWID:                hex.EncodeToString(ev.FWID),
		FWIDChecked:         ev.FWID != nil,
		PolicyChecked:       opts.Policy != nil,
		MeasurementsChecked: checked,
		AttestationKey:      hex.EncodeToString(marshalKey(ch.Key)),
		VerifiedAt:          opts.Time.UTC(),
	}
	if c.ModelAmbiguous {
		c.ModelNote = fmt.Sprintf("the %s die is shared by several products and the signed board fields do not name one; the lowest tier among them applies", c.Chip)
	}
	for _, cert := range ch.Certs {
		c.Chain = append(c.Chain, cert.CommonName)
	}
	return c, nil
}
