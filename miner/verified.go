package miner

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// What the chain decides about verified work, and how the miner follows
// it: the model registry prices work (compute units from the registered
// parameter count and the signed token counts), a miner id earns only
// while it is bonded, and accepted rewards wait pending for the challenge
// window before finalizeWork credits them.

// ChainModel is a model registry entry as the chain reports it.
type ChainModel struct {
	Registered      bool
	Parameters      uint64
	Tokenizer       precompile.Tokenizer
	BytesPerToken   uint16
	MaxInputTokens  uint32
	MaxOutputTokens uint32
	Verifier        precompile.Verifier
}

// ChainRules are the chain's parameters the miner follows.
type ChainRules struct {
	MinBond         *big.Int // wei of the native coin
	ChallengeWindow uint64   // blocks
	MaxBatchSize    uint32   // most work ids per finalizeWork
}

// iaimining is the generated binding of 0x0300's ABI (contracts/bindings):
// every call the miner makes is packed and its result unpacked through it,
// with types the compiler checks.
var iaimining = bindings.NewIAIMining()

// view runs a view of the precompile, data packed by iaimining, on the
// latest block and decodes its result with unpack. A refusal comes back as
// a *RefusedError (IsRefusal).
func view[T any](ctx context.Context, chain Chain, method string, data []byte, unpack func([]byte) (T, error)) (T, error) {
	return viewAt(ctx, chain, method, data, nil, unpack)
}

// viewAt is view on the state after block number (the latest when nil).
func viewAt[T any](ctx context.Context, chain Chain, method string, data []byte, number *big.Int, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	to := precompile.Address
	out, err := chain.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, number)
	if err != nil {
		if ref, ok := RevertFromError(err); ok {
			return zero, fmt.Errorf("%s: %w", method, ref)
		}
		return zero, fmt.Errorf("%s: %w", method, err)
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("decode %s result 0x%x: %w", method, out, err)
	}
	return v, nil
}

// ReadChainModel reads a model's registry entry.
func ReadChainModel(ctx context.Context, chain Chain, hash proof.Hash) (ChainModel, error) {
	v, err := view(ctx, chain, "modelInfo", iaimining.PackModelInfo(hash), iaimining.UnpackModelInfo)
	if err != nil {
		return ChainModel{}, err
	}
	return ChainModel{
		Registered: v.Registered, Parameters: v.Parameters, Tokenizer: precompile.Tokenizer(v.Tokenizer),
		BytesPerToken: v.BytesPerToken, MaxInputTokens: v.MaxInputTokens, MaxOutputTokens: v.MaxOutputTokens,
		Verifier: precompile.Verifier(v.Verifier),
	}, nil
}

// ReadChainRules reads the parameters the miner follows.
func ReadChainRules(ctx context.Context, chain Chain) (ChainRules, error) {
	p, err := view(ctx, chain, "parameters", iaimining.PackParameters(), iaimining.UnpackParameters)
	if err != nil {
		return ChainRules{}, fmt.Errorf("%w (is this chain's precompile older than verified work?)", err)
	}
	if p.MinBond == nil {
		return ChainRules{}, errors.New("parameters: no minBond (is this chain's precompile older than verified work?)")
	}
	return ChainRules{MinBond: p.MinBond, ChallengeWindow: p.ChallengeWindow, MaxBatchSize: p.MaxBatchSize}, nil
}

// Bond is a miner id's bond as the chain reports it.
type Bond struct {
	Bonder    common.Address
	Bonded    *big.Int
	Unbonding *big.Int
	ReadyAt   uint64
}

// ReadBond reads a miner id's bond.
func ReadBond(ctx context.Context, chain Chain, minerID proof.Hash) (Bond, error) {
	v, err := view(ctx, chain, "bondInfo", iaimining.PackBondInfo(minerID), iaimining.UnpackBondInfo)
	if err != nil {
		return Bond{}, err
	}
	return Bond{Bonder: v.Bonder, Bonded: v.Bonded, Unbonding: v.Unbonding, ReadyAt: v.UnbondReadyAt}, nil
}

// LoadChainRules reads the chain's parameters and the registry entry of
// every configured model. It fails when a model is not registered (every
// proof for it would be refused UnknownModel) and replaces the back-end's
// parameter count, bytes per token and token limits with the chain's, so
// the miner signs token counts the chain accepts and estimates the compute
// units the chain computes. Open calls it.
func (m *Miner) LoadChainRules(ctx context.Context) error {
	rules, err := ReadChainRules(ctx, m.chain)
	if err != nil {
		return err
	}
	models := map[string]ModelInfo{}
	for _, name := range m.cfg.Mining.Models {
		info, _ := m.backend.Model(name)
		cm, err := ReadChainModel(ctx, m.chain, info.Hash)
		if err != nil {
			return err
		}
		if !cm.Registered {
			return fmt.Errorf("model %s (hash %s) is not registered on chain %d: every proof for it would be refused (UnknownModel)",
				name, hexutil.Encode(info.Hash[:]), m.chainID)
		}
		if info.Parameters != 0 && info.Parameters != cm.Parameters {
			m.log.Warn("the configured parameter count differs from the chain's registry; the chain's is what pays",
				"model", name, "configured", info.Parameters, "chain", cm.Parameters)
		}
		info.Parameters, info.BytesPerToken = cm.Parameters, uint64(cm.BytesPerToken)
		info.MaxInputTokens, info.MaxOutputTokens = cm.MaxInputTokens, cm.MaxOutputTokens
		models[name] = info
	}
	m.backend = chainModels{Backend: m.backend, models: models}
	m.pending.mu.Lock()
	m.rules = &rules
	m.pending.mu.Unlock()
	return nil
}

// chainModels is a back-end whose model descriptions come from the chain's
// registry.
type chainModels struct {
	Backend
	models map[string]ModelInfo
}

// Unwrap returns the back-end whose model descriptions b replaces, so its
// other abilities (Generator) stay reachable.
func (b chainModels) Unwrap() Backend { return b.Backend }

// Model implements Backend with the chain's entry.
func (b chainModels) Model(name string) (ModelInfo, bool) {
	if info, ok := b.models[name]; ok {
		return info, true
	}
	return b.Backend.Model(name)
}

// Generate passes a Generator back-end through, so gateway jobs keep their
// limits (max tokens, stop sequences) once the chain's registry wraps the
// back-end; a back-end without it runs Infer, as jobBackend would.
func (b chainModels) Generate(ctx context.Context, model string, input []byte, o GenerateOptions) (Generation, error) {
	if g, ok := b.Backend.(Generator); ok {
		return g.Generate(ctx, model, input, o)
	}
	out, err := b.Backend.Infer(ctx, model, input)
	return Generation{Output: out}, err
}

// Embeds and Embed pass an embedding back-end through.
func (b chainModels) Embeds(model string) bool {
	e, ok := b.Backend.(Embedder)
	return ok && e.Embeds(model)
}

// Embed implements Embedder when the wrapped back-end does.
func (b chainModels) Embed(ctx context.Context, model string, input []byte) ([]float32, error) {
	e, ok := b.Backend.(Embedder)
	if !ok {
		return nil, fmt.Errorf("the back-end does not embed with model %q", model)
	}
	return e.Embed(ctx, model, input)
}

// EnsureBond makes the miner id's active bond reach the chain's minimum:
// the gas account bonds the missing amount with bond(minerId). It returns
// the amount sent (zero when the bond was already enough). A bond held by
// another bonder cannot be topped up by this account (NotBonder).
func (m *Miner) EnsureBond(ctx context.Context) (*big.Int, error) {
	rules, err := m.chainRules(ctx)
	if err != nil {
		return nil, err
	}
	b, err := ReadBond(ctx, m.chain, m.MinerID())
	if err != nil {
		return nil, err
	}
	if b.Bonded.Cmp(rules.MinBond) >= 0 {
		return new(big.Int), nil
	}
	if b.Bonder != (common.Address{}) && b.Bonder != m.GasAccount() {
		id := m.MinerID()
		return nil, fmt.Errorf("miner id %s is bonded by %s, not by the gas account %s: only its bonder can add to the bond",
			hexutil.Encode(id[:]), b.Bonder.Hex(), m.GasAccount().Hex())
	}
	amount := new(big.Int).Sub(rules.MinBond, b.Bonded)
	return amount, m.Bond(ctx, amount)
}

// Bond sends bond(minerId) with amount wei from the gas account.
func (m *Miner) Bond(ctx context.Context, amount *big.Int) error {
	id := m.MinerID()
	rcpt, err := m.sub.TransactValue(ctx, iaimining.PackBond(id), amount, "bond")
	if err != nil {
		return fmt.Errorf("bond %s wei for miner id %s: %w", amount, hexutil.Encode(id[:]), err)
	}
	m.log.Info("miner id bonded", "miner_id", hexutil.Encode(id[:]), "amount_wei", amount.String(),
		"bonder", m.GasAccount().Hex(), "block", rcpt.BlockNumber, "tx", rcpt.TxHash.Hex())
	return nil
}

// checkBond runs before mining: with mining.auto_bond it bonds what is
// missing; otherwise it warns when the bond is below the minimum, since
// every proof would then be refused (NotBonded).
func (m *Miner) checkBond(ctx context.Context) error {
	if m.cfg.Mining.AutoBond {
		_, err := m.EnsureBond(ctx)
		return err
	}
	rules, err := m.chainRules(ctx)
	if err != nil {
		m.log.Warn("cannot read the chain's bond parameters", "err", err)
		return nil
	}
	b, err := ReadBond(ctx, m.chain, m.MinerID())
	if err != nil {
		m.log.Warn("cannot read the miner id's bond", "err", err)
		return nil
	}
	if b.Bonded.Cmp(rules.MinBond) < 0 {
		id := m.MinerID()
		m.log.Warn("the miner id's bond is below the chain's minimum: proofs will be refused (NotBonded); run `pars-miner bond` or set mining.auto_bond",
			"miner_id", hexutil.Encode(id[:]), "bonded_wei", b.Bonded.String(), "min_bond_wei", rules.MinBond.String())
	}
	return nil
}

// RecoverLookback is how many blocks back Run looks for the miner id's
// pending work when it starts.
const RecoverLookback = 10_000

// prepareVerified runs when mining starts: the bond check (checkBond) and,
// when the miner finalizes, recovering its pending work from the chain.
func (m *Miner) prepareVerified(ctx context.Context) error {
	if err := m.checkBond(ctx); err != nil {
		return err
	}
	m.loadKept()
	if !m.cfg.Mining.FinalizeEnabled() {
		return nil
	}
	rules, err := m.chainRules(ctx)
	if err != nil {
		m.log.Warn("cannot read the chain's parameters", "err", err)
		return nil
	}
	n, err := m.RecoverPending(ctx, max(RecoverLookback, 2*rules.ChallengeWindow))
	if err != nil {
		m.log.Warn("cannot look for pending rewards of earlier runs", "err", err)
	} else if n > 0 {
		m.log.Info("pending rewards of earlier runs found", "proofs", n)
	}
	return nil
}

// chainRules returns the rules read by LoadChainRules, reading them when
// they are not known yet.
func (m *Miner) chainRules(ctx context.Context) (ChainRules, error) {
	m.pending.mu.Lock()
	r := m.rules
	m.pending.mu.Unlock()
	if r != nil {
		return *r, nil
	}
	rules, err := ReadChainRules(ctx, m.chain)
	if err != nil {
		return ChainRules{}, err
	}
	m.pending.mu.Lock()
	m.rules = &rules
	m.pending.mu.Unlock()
	return rules, nil
}

// pendingWork is the miner's queue of its accepted work waiting for the
// challenge window, oldest first.
type pendingWork struct {
	mu      sync.Mutex
	items   []pendingItem
	running bool // a finalizeWork transaction is in flight
}

type pendingItem struct {
	workID      proof.Hash
	submittedAt uint64 // block number that accepted it
}

// addPending queues accepted work for finalization.
func (m *Miner) addPending(workID proof.Hash, block uint64) {
	if !m.cfg.Mining.FinalizeEnabled() {
		return
	}
	m.pending.mu.Lock()
	m.pending.items = append(m.pending.items, pendingItem{workID: workID, submittedAt: block})
	m.pending.mu.Unlock()
}

// Pending returns how many accepted proofs wait for finalization.
func (m *Miner) Pending() int {
	m.pending.mu.Lock()
	defer m.pending.mu.Unlock()
	return len(m.pending.items)
}

// FinalizeDue credits the miner's pending work whose challenge window has
// passed at block head, in one finalizeWork transaction of at most
// maxBatchSize work ids. Only one runs at a time; a call while another is
// in flight returns at once. Work that another caller finalized first is
// dropped from the queue. It returns the amount credited.
func (m *Miner) FinalizeDue(ctx context.Context, head uint64) (*big.Int, error) {
	rules, err := m.chainRules(ctx)
	if err != nil {
		return nil, err
	}
	m.pending.mu.Lock()
	if m.pending.running {
		m.pending.mu.Unlock()
		return new(big.Int), nil
	}
	var ids [][32]byte
	for _, it := range m.pending.items {
		if it.submittedAt+rules.ChallengeWindow > head || len(ids) >= int(max(rules.MaxBatchSize, 1)) {
			break
		}
		if m.heldForAudit(it.workID) {
			continue // revealed first (reveal.go)
		}
		ids = append(ids, [32]byte(it.workID))
	}
	if len(ids) == 0 {
		m.pending.mu.Unlock()
		return new(big.Int), nil
	}
	m.pending.running = true
	m.pending.mu.Unlock()
	defer func() {
		m.pending.mu.Lock()
		m.pending.running = false
		m.pending.mu.Unlock()
	}()

	data, err := iaimining.TryPackFinalizeWork(ids)
	if err != nil {
		return nil, err
	}
	rcpt, err := m.sub.Transact(ctx, data, "finalization")
	if ref, ok := IsRefusal(err); ok && (ref.Reason == "WorkUnderAudit" || ref.Reason == "AuditSeedExpired") && ref.Revert != nil && len(ref.Revert.Args) >= 1 {
		// Audited (or to be): it waits for its reveal, the rest for the next call.
		held, _ := ref.Revert.Args[0].([32]byte)
		m.holdForAudit(proof.Hash(held))
		return new(big.Int), nil
	}
	if ref, ok := IsRefusal(err); ok && ref.Reason == "WorkNotPending" && ref.Revert != nil && len(ref.Revert.Args) == 1 {
		// Someone else finalized it: drop it, the rest waits for the next call.
		gone, _ := ref.Revert.Args[0].([32]byte)
		m.dropPending(func(id proof.Hash) bool { return id == proof.Hash(gone) })
		return new(big.Int), nil
	}
	if err != nil {
		return nil, fmt.Errorf("finalize %d pending proofs: %w", len(ids), err)
	}
	done := map[proof.Hash]bool{}
	credited := new(big.Int)
	ev := precompile.ABI().Events["WorkFinalized"]
	forfeited := precompile.ABI().Events["WorkForfeited"]
	lost := map[proof.Hash]bool{}
	for _, l := range rcpt.Logs {
		if l.Address == precompile.Address && len(l.Topics) == 3 && l.Topics[0] == forfeited.ID {
			lost[proof.Hash(l.Topics[1])] = true // the miner id was slashed: nothing comes
			m.log.Error("pending reward forfeited: the miner id was slashed", "work_id", l.Topics[1].Hex())
			continue
		}
		if l.Address != precompile.Address || len(l.Topics) != 3 || l.Topics[0] != ev.ID {
			continue
		}
		vals, err := ev.Inputs.NonIndexed().Unpack(l.Data)
		if err != nil || len(vals) != 1 {
			continue
		}
		if amt, ok := vals[0].(*big.Int); ok {
			credited.Add(credited, amt)
		}
		done[proof.Hash(l.Topics[1])] = true
	}
	m.dropPending(func(id proof.Hash) bool { return done[id] || lost[id] })
	m.tally.mu.Lock()
	m.tally.finalized.Add(&m.tally.finalized, credited)
	m.tally.mu.Unlock()
	m.log.Info("rewards finalized", "proofs", len(done), "credited_wei", credited.String(),
		"still_pending", m.Pending(), "block", rcpt.BlockNumber, "tx", rcpt.TxHash.Hex(), "gas_used", rcpt.GasUsed)
	return credited, nil
}

// dropPending removes the queued work for which drop is true, and what
// was kept for its audit.
func (m *Miner) dropPending(drop func(proof.Hash) bool) {
	var gone []proof.Hash
	m.pending.mu.Lock()
	m.pending.items = slices.DeleteFunc(m.pending.items, func(it pendingItem) bool {
		if drop(it.workID) {
			gone = append(gone, it.workID)
			return true
		}
		return false
	})
	m.pending.mu.Unlock()
	m.forgetKept(gone...)
}

// finalizeAfter runs FinalizeDue after a proof accepted in block head,
// logging instead of failing: finalization is retried with the next proof.
func (m *Miner) finalizeAfter(ctx context.Context, head uint64) {
	m.revealAfter(ctx, head)
	if !m.cfg.Mining.FinalizeEnabled() {
		return
	}
	if _, err := m.FinalizeDue(ctx, head); err != nil && ctx.Err() == nil {
		m.log.Warn("cannot finalize pending rewards yet", "err", err)
	}
}

// knownRules returns the chain rules when they have been read, else nil.
func (m *Miner) knownRules() *ChainRules {
	m.pending.mu.Lock()
	defer m.pending.mu.Unlock()
	return m.rules
}

// PendingRecord is an accepted proof's pending reward as the chain reports
// it (pendingWork).
type PendingRecord struct {
	Status        uint8 // 0 unknown, 1 pending (not drawn yet), 2 finalized, 3..6 pending under the audit rules, 7 forfeited
	Beneficiary   common.Address
	MinerID       proof.Hash
	Amount        *big.Int
	SubmittedAt   uint64
	FinalizableAt uint64
}

// Pending reports whether the reward still waits for finalizeWork: not
// drawn for audit yet (1), not selected (3), audited (4), under a
// committee vote (5) or cleared (6).
func (r PendingRecord) Pending() bool { return r.Status == 1 || (r.Status >= 3 && r.Status <= 6) }

// ReadPendingWork reads the pending record of a work id.
func ReadPendingWork(ctx context.Context, chain Chain, workID proof.Hash) (PendingRecord, error) {
	v, err := view(ctx, chain, "pendingWork", iaimining.PackPendingWork(workID), iaimining.UnpackPendingWork)
	if err != nil {
		return PendingRecord{}, err
	}
	return PendingRecord{
		Status: v.Status, Beneficiary: v.Beneficiary, MinerID: proof.Hash(v.MinerId), Amount: v.Amount,
		SubmittedAt: v.SubmittedAt, FinalizableAt: v.FinalizableAt,
	}, nil
}

// RecoverPending finds the miner id's work accepted in the last lookback
// blocks that is still pending (WorkAccepted events filtered on the miner
// id, then pendingWork) and queues it for finalization, so a restarted
// miner still finalizes what it earned before. It returns how many proofs
// it queued.
func (m *Miner) RecoverPending(ctx context.Context, lookback uint64) (int, error) {
	head, err := m.chain.BlockNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("read block number: %w", err)
	}
	from := uint64(0)
	if head > lookback {
		from = head - lookback
	}
	id := m.MinerID()
	logs, err := m.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from),
		ToBlock:   new(big.Int).SetUint64(head),
		Addresses: []common.Address{precompile.Address},
		Topics:    [][]common.Hash{{workAcceptedEvent.ID}, nil, nil, {common.Hash(id)}},
	})
	if err != nil {
		return 0, fmt.Errorf("eth_getLogs %d..%d: %w", from, head, err)
	}
	m.pending.mu.Lock()
	known := map[proof.Hash]bool{}
	for _, it := range m.pending.items {
		known[it.workID] = true
	}
	m.pending.mu.Unlock()
	n := 0
	for i := range logs {
		ev, err := ParseWorkAccepted(&logs[i])
		if err != nil || logs[i].Removed || known[ev.WorkID] {
			continue
		}
		rec, err := ReadPendingWork(ctx, m.chain, ev.WorkID)
		if err != nil {
			return n, err
		}
		if !rec.Pending() {
			continue
		}
		known[ev.WorkID] = true
		m.pending.mu.Lock()
		m.pending.items = append(m.pending.items, pendingItem{workID: ev.WorkID, submittedAt: rec.SubmittedAt})
		m.pending.mu.Unlock()
		n++
	}
	m.pending.mu.Lock()
	slices.SortStableFunc(m.pending.items, func(a, b pendingItem) int { return cmpU64(a.submittedAt, b.submittedAt) })
	m.pending.mu.Unlock()
	return n, nil
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FinalizeAll finalizes every queued proof whose window has passed at the
// latest block, batch after batch, and returns the amount credited.
func (m *Miner) FinalizeAll(ctx context.Context) (*big.Int, error) {
	total := new(big.Int)
	for {
		head, err := m.chain.BlockNumber(ctx)
		if err != nil {
			return total, fmt.Errorf("read block number: %w", err)
		}
		before := m.Pending()
		got, err := m.FinalizeDue(ctx, head)
		if err != nil {
			return total, err
		}
		total.Add(total, got)
		if m.Pending() == before || m.Pending() == 0 {
			return total, nil
		}
	}
}

// Chain returns the node the miner talks to.
func (m *Miner) Chain() Chain { return m.chain }
