package federated

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// RecordFormat names the layout of a round record file.
const RecordFormat = "pars-federated-round/v1"

// Record is what an aggregate node keeps of a published round: the
// transcript (parameters, seed, signed enrolments and the accepted update
// envelopes in transcript order) and the published result. Anyone holding
// a record and the round's validation set recomputes the result with
// Check.
type Record struct {
	Transcript *Transcript
	Result     *Result
	Published  *PublishedRef // where the result went on chain (TxHash zero: not sent)
}

// recordJSON is a Record on disk. Byte strings are 0x-hex; the base model
// is its proof.Tensor encoding, the result omits the model (Check
// recomputes it; its hash is there).
type recordJSON struct {
	Format     string          `json:"format"`
	Params     Params          `json:"params"`
	BaseModel  hexutil.Bytes   `json:"base_model"`
	Pool       *uint256.Int    `json:"pool"`
	Seed       common.Hash     `json:"seed"`
	Enrolled   []common.Hash   `json:"enrolled"`
	Enrolments []hexutil.Bytes `json:"enrolments"`
	Updates    []hexutil.Bytes `json:"updates"`
	Result     *Result         `json:"result"`
	Published  *PublishedRef   `json:"published"`
}

// MarshalJSON encodes the record.
func (r *Record) MarshalJSON() ([]byte, error) {
	t := r.Transcript
	if t == nil || t.Params.BaseModel == nil || t.Params.Pool == nil || r.Result == nil {
		return nil, errors.New("federated: incomplete round record")
	}
	j := recordJSON{Format: RecordFormat, Params: t.Params, BaseModel: t.Params.BaseModel.Encode(), Pool: t.Params.Pool,
		Seed: common.Hash(t.Seed), Result: r.Result, Published: r.Published}
	for _, id := range t.Enrolled {
		j.Enrolled = append(j.Enrolled, common.Hash(id))
	}
	for _, e := range t.Enrolments {
		j.Enrolments = append(j.Enrolments, e)
	}
	for _, u := range t.Updates {
		j.Updates = append(j.Updates, u)
	}
	return json.Marshal(&j)
}

// UnmarshalJSON decodes a record strictly: known format, a canonical Q32
// base model and every field present.
func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Format != RecordFormat {
		return fmt.Errorf("federated: round record format %q, want %q", j.Format, RecordFormat)
	}
	if j.Pool == nil || j.Result == nil {
		return errors.New("federated: round record lacks the pool or the result")
	}
	base, err := proof.DecodeTensor(j.BaseModel)
	if err != nil {
		return fmt.Errorf("federated: round record base model: %w", err)
	}
	t := &Transcript{Params: j.Params, Seed: proof.Hash(j.Seed)}
	t.Params.BaseModel, t.Params.Pool = base, j.Pool
	if j.Enrolled != nil {
		t.Enrolled = make([]proof.Hash, len(j.Enrolled))
		for i, id := range j.Enrolled {
			t.Enrolled[i] = proof.Hash(id)
		}
	}
	if j.Enrolments != nil {
		t.Enrolments = make([][]byte, len(j.Enrolments))
		for i, e := range j.Enrolments {
			t.Enrolments[i] = e
		}
	}
	t.Updates = make([][]byte, len(j.Updates))
	for i, u := range j.Updates {
		t.Updates[i] = u
	}
	*r = Record{Transcript: t, Result: j.Result, Published: j.Published}
	return nil
}

// Check recomputes the round from the transcript and compares the outcome
// with the recorded result: model hash, losses, every contribution, every
// reward leaf, the reward root and the total. It returns the recomputed
// result (with the model), also alongside the error when only the
// comparison fails; it returns no result when the transcript does not
// recompute at all.
func (r *Record) Check(model Linear, validation []Example) (*Result, error) {
	got, err := Recompute(r.Transcript, model, validation)
	if err != nil {
		return nil, err
	}
	want := r.Result
	mismatch := func(what string, w, g any) error {
		return fmt.Errorf("federated: round %d: recorded %s %v, recomputed %v", got.RoundID, what, w, g)
	}
	switch {
	case want.ChainID != got.ChainID || want.RoundID != got.RoundID:
		return got, mismatch("chain/round", fmt.Sprint(want.ChainID, "/", want.RoundID), fmt.Sprint(got.ChainID, "/", got.RoundID))
	case want.ModelHash != got.ModelHash:
		return got, mismatch("model hash", want.ModelHash, got.ModelHash)
	case want.Root != got.Root:
		return got, mismatch("reward root", want.Root, got.Root)
	case want.Total == nil || !want.Total.Eq(got.Total):
		return got, mismatch("total", want.Total, got.Total)
	case want.Rule != got.Rule || want.BaseLoss != got.BaseLoss || want.Loss != got.Loss:
		return got, mismatch("rule and losses", fmt.Sprint(want.Rule, want.BaseLoss, want.Loss), fmt.Sprint(got.Rule, got.BaseLoss, got.Loss))
	case !slices.EqualFunc(want.Rewards, got.Rewards, func(a, b Reward) bool {
		return a.Recipient == b.Recipient && a.Leaf == b.Leaf && a.Amount != nil && a.Amount.Eq(b.Amount)
	}):
		return got, mismatch("rewards", want.Rewards, got.Rewards)
	case !slices.EqualFunc(want.Contributions, got.Contributions, func(a, b Contribution) bool {
		return a.Participant == b.Participant && a.Recipient == b.Recipient && a.UpdateHash == b.UpdateHash &&
			a.Norm == b.Norm && a.Clipped == b.Clipped && a.FreeRider == b.FreeRider && a.Score == b.Score &&
			a.Amount != nil && a.Amount.Eq(b.Amount)
	}):
		return got, mismatch("contributions", want.Contributions, got.Contributions)
	}
	if r.Published != nil && (r.Published.ModelHash != got.ModelHash || r.Published.RewardsRoot != got.Root ||
		r.Published.Total == nil || !r.Published.Total.Eq(got.Total)) {
		return got, fmt.Errorf("federated: round %d: published reference does not match the recomputed result", got.RoundID)
	}
	return got, nil
}

// RecordFileName is the file a round's record is kept in, in a data
// directory.
func RecordFileName(roundID uint64) string { return fmt.Sprintf("round-%020d.json", roundID) }

// WriteRecord writes rec to path atomically: to a temporary file in the
// same directory, synced, then renamed over path (and the directory
// synced), so a reader sees the old file or the whole new one.
func WriteRecord(path string, rec *Record) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op once renamed
	if _, err = f.Write(append(b, '\n')); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("federated: write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// ReadRecord reads a round record file.
func ReadRecord(path string) (*Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rec := new(Record)
	if err := json.Unmarshal(b, rec); err != nil {
		return nil, fmt.Errorf("federated: %s: %w", path, err)
	}
	return rec, nil
}
