package nvtrust

import "strings"

// Tier is the trust tier of a GPU, decided from fields the GPU signed.
type Tier uint8

// The tiers. The numeric values are stored on chain; do not renumber.
const (
	// TierNone: no GPU this protocol knows; not rewarded as a GPU.
	TierNone Tier = 0
	// TierSoftware: a consumer GPU without confidential computing; its work
	// earns the software-only trust score (60).
	TierSoftware Tier = 1
	// TierAttested: a data-centre GPU whose measurements are attested; its
	// work earns full trust (100).
	TierAttested Tier = 2
)

// String names the tier as the claims print it.
func (t Tier) String() string {
	switch t {
	case TierSoftware:
		return "software-only"
	case TierAttested:
		return "attested"
	default:
		return "none"
	}
}

// TrustScore is the tier's trust score in percent (100, 60 or 0).
func (t Tier) TrustScore() int {
	switch t {
	case TierAttested:
		return 100
	case TierSoftware:
		return 60
	default:
		return 0
	}
}

// model is one GPU product and its tier.
type model struct {
	name string
	tier Tier
}

// chipModels lists, per die, the products built on it. A die shared by
// products of different tiers is resolved only by a known signed board
// (project, project SKU); otherwise the lowest tier applies.
var chipModels = map[string][]model{
	"GH100": {{"H100", TierAttested}, {"H200", TierAttested}},
	"GB100": {{"B100", TierAttested}, {"B200", TierAttested}},
	"GB202": {{"RTX PRO 6000", TierAttested}, {"RTX 5090", TierSoftware}},
	"AD102": {{"RTX 4090", TierSoftware}},
}

// knownBoards maps a signed "project/projectSKU" to its product, only where
// published evidence names the board: G153/0210 is the RTX PRO 6000
// Blackwell Server Edition (confidential-containers/trustee test data).
var knownBoards = map[string]string{
	"G153/0210": "RTX PRO 6000",
}

// Identity is what the signed fields say about the GPU.
type Identity struct {
	Chip      string   // die, e.g. "GH100", "GB202"
	Models    []string // candidate products; more than one when the evidence cannot tell them apart
	Ambiguous bool     // Models has more than one entry
	Tier      Tier
}

// Classify maps a die and a signed board to the candidate products and the
// tier. It never guesses: when candidates of different tiers remain, the
// lowest tier applies and Ambiguous is set.
func Classify(chip, project, projectSKU string) Identity {
	chip = strings.ToUpper(chip)
	id := Identity{Chip: chip}
	models := chipModels[chip]
	if len(models) == 0 {
		return id
	}
	if name, ok := knownBoards[project+"/"+projectSKU]; ok {
		for _, m := range models {
			if m.name == name {
				models = []model{m}
				break
			}
		}
	}
	id.Tier = TierAttested
	for _, m := range models {
		id.Models = append(id.Models, m.name)
		if m.tier < id.Tier {
			id.Tier = m.tier
		}
	}
	id.Ambiguous = len(id.Models) > 1
	return id
}

// resolveChip reconciles the chip named by the leaf certificate (which may
// name a family, e.g. "GB20X") with the chip-info field of the report (e.g.
// "GB202"), when the report has one. ok is false when they disagree.
func resolveChip(certChip, reportChip string) (string, bool) {
	if reportChip == "" {
		return certChip, true
	}
	if certChip == reportChip {
		return reportChip, true
	}
	if strings.HasSuffix(certChip, "X") && len(certChip) == len(reportChip) &&
		strings.HasPrefix(reportChip, certChip[:len(certChip)-1]) {
		return reportChip, true
	}
	return "", false
}
