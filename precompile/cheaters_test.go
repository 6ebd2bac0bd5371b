package precompile_test

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// The cheaters of issue 13, played against a real StateDB with the default
// parameters (5% sampling, a 100-coin minimum bond, a 150-block challenge
// window, 64 blocks to reveal) in a market: every block each miner submits
// one built-in job, a watcher records every draw (markSelected) and settles
// every audit past its deadline (settleAudit), honest miners reveal their
// selected work and everyone finalizes what is ready. Each cheater must end
// with less than it started with, and the honest miner must be paid.
//
// Wealth is counted in wei, one AI-token wei (mining balance) taken as one
// native-coin wei (bonds): the exchange rate the expected-value inequality
// r/B < -ln(1 - p·d) assumes. Gas is not counted; it only makes cheating
// worse.

// marketActor is one participant.
type marketActor struct {
	name    string
	sk      *proof.PrivateKey
	bonder  common.Address // pays the bond
	payee   common.Address // the beneficiary
	bond    *uint256.Int
	fake    bool                 // signs made-up outputs
	burst   int                  // jobs per block (0: one)
	silent  bool                 // never reveals
	device  *nvtrusttest.Device  // attests with this GPU
	gateway *proof.PrivateKey    // works for this gateway's tickets
	jobs    []*job               // its accepted work
	batch   int                  // items per batch (0: single proofs)
	batches []*builtinBatch      // its accepted batches
	refused map[string]int       // refusals by reason
	n       int                  // jobs made
	start   *big.Int             // wealth at the start
	ignored map[[32]byte]bool    // work that needs nothing more
	seen    map[[32]byte]uint64  // work id → submission block
	extra   func(a *marketActor) // per-block hook (the griefing watcher)
}

// market is a chain with its actors and its watcher.
type market struct {
	t      testing.TB
	c      *precompiletest.Chain
	actors []*marketActor
	block  uint64
	minted *big.Int // rewards accepted (WorkAccepted), for the balance check
}

func newMarket(t testing.TB, c *precompiletest.Chain, actors ...*marketActor) *market {
	m := &market{t: t, c: c, actors: actors, block: c.EVM.Context.BlockNumber.Uint64(), minted: new(big.Int)}
	for i, a := range actors {
		if a.bond == nil {
			a.bond = precompile.DefaultMinBond
		}
		if a.bonder == (common.Address{}) {
			a.bonder = common.BigToAddress(big.NewInt(int64(0xb000 + i)))
		}
		if a.payee == (common.Address{}) {
			a.payee = common.BigToAddress(big.NewInt(int64(0xa000 + i)))
		}
		a.refused, a.ignored, a.seen = map[string]int{}, map[[32]byte]bool{}, map[[32]byte]uint64{}
		c.Fund(a.bonder, a.bond)
		a.start = m.wealth(a)
		r := c.Call(precompiletest.Frame{Caller: a.bonder, Value: a.bond}, pack(t, "bond", [32]byte(a.sk.Public().ID())))
		require.NoError(t, r.Err, "%s bond: %v", a.name, r.Revert)
	}
	return m
}

// wealth is what an actor holds: its accounts' coin, its beneficiary's
// mining balance and what is left of its bond.
func (m *market) wealth(a *marketActor) *big.Int {
	w := new(big.Int).Add(m.c.State.GetBalance(a.bonder).ToBig(), m.c.State.GetBalance(a.payee).ToBig())
	w.Add(w, balanceOf(m.t, m.c, a.payee))
	return w.Add(w, bondOf(m.t, m.c, a.sk.Public().ID()))
}

// job makes the actor's next job: real or made-up output.
func (m *market) job(a *marketActor) *job {
	a.n++
	tag := fmt.Sprintf("%s-%d", a.name, a.n)
	in := []byte("market job " + tag)
	out, err := builtin.Default().Generate(context.Background(), in, 16)
	require.NoError(m.t, err)
	if a.fake {
		out = []byte(fmt.Sprintf("%-16.16s", "fake "+tag))
	}
	j := &job{input: in, output: out}
	now := m.c.EVM.Context.Time
	edit := func(p *proof.AIWorkProof) {
		p.Context.ModelHash = precompile.BuiltinModel().Hash
		p.Context.InputHash = proof.HashInput(in)
		p.Context.Nonce = proof.DomainInput.Sum([]byte(tag))
		p.Context.Timestamp = now
		p.Beneficiary = a.payee
		p.OutputHash = proof.HashOutput(out)
		p.InputTokens, p.OutputTokens = uint32(len(in)), uint32(len(out))
	}
	var att []byte
	switch {
	case a.device != nil:
		j.p, att = attestedProof(m.t, a.sk, a.device, 0, edit)
	case a.gateway != nil:
		tk := &proof.JobTicket{ChainID: chainPars, JobID: proof.DomainInput.Sum([]byte("ticket " + tag)), MinerID: a.sk.Public().ID(),
			ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.HashInput(in), Budget: 1, Expiry: now + 600}
		require.NoError(m.t, tk.Sign(a.gateway, true))
		j.p = makeProof(m.t, a.sk, chainPars, 0, func(p *proof.AIWorkProof) { edit(p); p.Context.JobID = tk.ID() })
		att = tk.Encode() // the ticket travels in place of an attestation
	default:
		j.p = makeProof(m.t, a.sk, chainPars, 0, edit)
	}
	j.ticket = a.gateway != nil
	j.extra = att
	return j
}

// submit sends the actor's next job, or its next batch of jobs.
func (m *market) submit(a *marketActor) {
	if a.batch > 0 {
		m.submitBatch(a)
		return
	}
	j := m.job(a)
	var in []byte
	if j.ticket {
		in = pack(m.t, "submitTicketedWork", j.p.Encode(), []byte{}, j.extra)
	} else {
		in = pack(m.t, "submitWorkProof", j.p.Encode(), j.extra)
	}
	r := m.c.Call(precompiletest.Frame{Caller: a.bonder}, in)
	if r.Err != nil {
		require.NotNil(m.t, r.Revert, "%s: %v", a.name, r.Err)
		a.refused[r.Revert.Name]++
		return
	}
	vals, err := iaimining.Events["WorkAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	require.NoError(m.t, err)
	m.minted.Add(m.minted, vals[1].(*big.Int))
	a.jobs = append(a.jobs, j)
	a.seen[j.id()] = m.block
}

// submitBatch signs a.batch jobs as one batch and sends it.
func (m *market) submitBatch(a *marketActor) {
	b := &builtinBatch{}
	for range a.batch {
		j := m.job(a)
		b.jobs = append(b.jobs, j)
		b.items = append(b.items, proof.NewBatchItem(uint64(a.n), &j.p.Context, j.p.OutputHash, j.p.InputTokens, j.p.OutputTokens))
		b.leaves = append(b.leaves, b.items[len(b.items)-1].Leaf())
	}
	h, err := proof.SignBatch(a.sk, chainPars, a.payee, b.items, true)
	require.NoError(m.t, err)
	b.header = h
	r := m.c.Call(precompiletest.Frame{Caller: a.bonder}, pack(m.t, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(b.items)))
	if r.Err != nil {
		require.NotNil(m.t, r.Revert, "%s: %v", a.name, r.Err)
		a.refused[r.Revert.Name]++
		return
	}
	vals, err := iaimining.Events["WorkBatchAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	require.NoError(m.t, err)
	m.minted.Add(m.minted, vals[4].(*big.Int))
	a.batches = append(a.batches, b)
	a.seen[b.id()] = m.block
}

// work lists the actor's accepted work ids with the function that reveals
// each as an honest miner would.
func (m *market) work(a *marketActor) ([][32]byte, []func() precompiletest.Result) {
	var ids [][32]byte
	var reveal []func() precompiletest.Result
	for _, j := range a.jobs {
		ids = append(ids, j.id())
		reveal = append(reveal, func() precompiletest.Result { return revealJob(m.t, m.c, j) })
	}
	for _, b := range a.batches {
		ids = append(ids, b.id())
		reveal = append(reveal, func() precompiletest.Result { return b.reveal(m.t, m.c, b.audited(m.t, m.c)) })
	}
	return ids, reveal
}

// step moves to the next block and plays it: submissions (while submit
// is true), then the watcher, the reveals and the finalizations.
func (m *market) step(submit bool) {
	m.block++
	m.c.SetBlock(m.block, t0+2*m.block)
	for _, a := range m.actors {
		for range max(a.burst, 1) {
			if submit && bondOf(m.t, m.c, a.sk.Public().ID()).Cmp(precompile.DefaultMinBond.ToBig()) >= 0 {
				m.submit(a)
			}
		}
	}
	// The watcher: record draws, settle what is past its deadline.
	var undrawn [][32]byte
	for _, a := range m.actors {
		ids, _ := m.work(a)
		for _, id := range ids {
			if a.ignored[id] {
				continue
			}
			switch info := view(m.t, m.c, "auditInfo", id); info[0].(uint8) {
			case 1:
				if m.block > a.seen[id]+precompile.DefaultAuditDelay {
					undrawn = append(undrawn, id)
				}
			case 4:
				if m.block > info[3].(uint64) {
					require.NoError(m.t, settleAudit(m.t, m.c, id).Err)
				}
			case 5:
				if m.block > info[8].(uint64) {
					require.NoError(m.t, settleAudit(m.t, m.c, id).Err)
				}
			}
		}
	}
	for i := 0; i < len(undrawn); i += 32 {
		r := m.c.Call(precompiletest.Frame{Caller: stranger}, pack(m.t, "markSelected", undrawn[i:min(i+32, len(undrawn))]))
		require.NoError(m.t, r.Err, "%v", r.Revert)
	}
	for _, a := range m.actors {
		var ready [][32]byte
		ids, reveals := m.work(a)
		for i, id := range ids {
			if a.ignored[id] {
				continue
			}
			switch st := workStatus(m.t, m.c, id); {
			case st == 4 && !a.silent:
				r := reveals[i]()
				require.NoError(m.t, r.Err, "%s reveal: %v", a.name, r.Revert)
			case (st == 3 || st == 6) && m.block >= a.seen[id]+precompile.DefaultChallengeWindow:
				ready = append(ready, id)
			case st == 2 || st == 7:
				a.ignored[id] = true
			}
		}
		for i := 0; i < len(ready); i += 32 {
			r := m.c.Call(precompiletest.Frame{Caller: a.bonder}, pack(m.t, "finalizeWork", ready[i:min(i+32, len(ready))]))
			require.NoError(m.t, r.Err, "%s finalize: %v", a.name, r.Revert)
		}
		if a.extra != nil {
			a.extra(a)
		}
	}
}

// run plays blocks of submissions, then lets every audit and window
// settle.
func (m *market) run(blocks int) {
	for range blocks {
		m.step(true)
	}
	for range precompile.DefaultChallengeWindow + precompile.DefaultAuditDelay + precompile.DefaultRevealWindow + 2 {
		m.step(false)
	}
	for _, a := range m.actors {
		ids, _ := m.work(a)
		for _, id := range ids {
			st := workStatus(m.t, m.c, id)
			require.Contains(m.t, []uint8{2, 7}, st, "%s's work %x left in status %d", a.name, id, st)
		}
	}
	m.checkBooks()
}

// checkBooks: every accepted reward is credited, pending or forfeited.
func (m *market) checkBooks() {
	minted := view(m.t, m.c, "totalMinted")[0].(*big.Int)
	pending := view(m.t, m.c, "totalPending")[0].(*big.Int)
	_, forfeited := auditTotals(m.t, m.c)
	sum := new(big.Int).Add(minted, pending)
	require.Zero(m.t, m.minted.Cmp(sum.Add(sum, forfeited)), "accepted %v = credited %v + pending %v + forfeited %v", m.minted, minted, pending, forfeited)
}

// gain is what the actor ended with minus what it started with.
func (m *market) gain(a *marketActor) *big.Int { return new(big.Int).Sub(m.wealth(a), a.start) }

// coins renders wei as coins.
func coins(w *big.Int) string {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(w), big.NewFloat(1e18)).Float64()
	return fmt.Sprintf("%.6g", f)
}

// evInequality is -ln(1 - p·d), the bound r/B must stay below.
func evInequality(pBps uint16, d float64) float64 { return -math.Log(1 - float64(pBps)/10000*d) }

// honestPaid checks the honest actor gained exactly the rewards of its
// accepted work (and nothing was taken from it).
func (m *market) honestPaid(a *marketActor) {
	require.Positive(m.t, len(a.jobs)+len(a.batches), "the honest miner had work accepted")
	require.Positive(m.t, m.gain(a).Sign(), "the honest miner is paid")
	require.Equal(m.t, a.bond.ToBig(), bondOf(m.t, m.c, a.sk.Public().ID()), "the honest miner keeps its bond")
	items := len(a.jobs)
	for _, b := range a.batches {
		items += len(b.items)
	}
	want := new(big.Int).Mul(big.NewInt(int64(items)), builtinReward())
	require.Equal(m.t, want, balanceOf(m.t, m.c, a.payee), "every accepted job of the honest miner is credited")
}

// reportEV logs a cheater's measured outcome next to the inequality.
func reportEV(t testing.TB, name string, m *market, a *marketActor, perProof *big.Int) {
	g := m.gain(a)
	rOverB, _ := new(big.Float).Quo(new(big.Float).SetInt(perProof), new(big.Float).SetInt(a.bond.ToBig())).Float64()
	accepted := len(a.jobs)
	for _, b := range a.batches {
		accepted += len(b.items)
	}
	t.Logf("EV %-28s accepted %3d proofs, refused %v, measured gain %s coins (bond %s); r/B = %.2g < -ln(1-p·d) = %.4f",
		name, accepted, a.refused, coins(g), coins(a.bond.ToBig()), rOverB, evInequality(precompile.DefaultAuditProbabilityBps, 1))
}

func builtinReward() *big.Int {
	return new(big.Int).Div(new(big.Int).Mul(precompile.DefaultBaseReward.ToBig(), big.NewInt(6000)), big.NewInt(10000))
}

func defaultAuditedChain(t testing.TB) *precompiletest.Chain {
	c := newChain(t)
	setSampling(t, c, precompile.DefaultAuditProbabilityBps)
	return c
}

// TestCheaterFabricatedOutput: made-up built-in output, sampled at 5%,
// caught by re-execution: the whole bond is burned before any of its
// work is paid.
func TestCheaterFabricatedOutput(t *testing.T) {
	c := defaultAuditedChain(t)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 110)}
	cheat := &marketActor{name: "fabricated output", sk: key(t, proof.MLDSA44, 111), fake: true}
	m := newMarket(t, c, honest, cheat)
	m.run(120)
	require.Negative(t, m.gain(cheat).Sign(), "the cheater gained %s", m.gain(cheat))
	require.Zero(t, bondOf(t, c, cheat.sk.Public().ID()).Sign(), "slashed")
	m.honestPaid(honest)
	reportEV(t, "fabricated output", m, cheat, builtinReward())
}

// TestCheaterNeverReveals: a miner that does the work but never reveals
// selected work loses its bond when the reveal deadline passes.
func TestCheaterNeverReveals(t *testing.T) {
	c := defaultAuditedChain(t)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 112)}
	silent := &marketActor{name: "never reveals", sk: key(t, proof.MLDSA65, 113), silent: true}
	m := newMarket(t, c, honest, silent)
	m.run(120)
	require.Negative(t, m.gain(silent).Sign())
	require.Zero(t, bondOf(t, c, silent.sk.Public().ID()).Sign())
	m.honestPaid(honest)
	reportEV(t, "never reveals", m, silent, builtinReward())
}

// TestCheaterSybilKeys: many keys do not dilute the audit: each needs a
// bond of its own and each is slashed on its own; unbonded keys earn
// nothing at all.
func TestCheaterSybilKeys(t *testing.T) {
	c := defaultAuditedChain(t)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 114)}
	actors := []*marketActor{honest}
	for i := range 4 {
		actors = append(actors, &marketActor{name: fmt.Sprintf("sybil %d", i), sk: key(t, proof.MLDSA44, byte(120+i)), fake: true})
	}
	m := newMarket(t, c, actors...)
	// An unbonded fifth key is refused outright.
	unbonded := key(t, proof.MLDSA44, 130)
	p := makeProof(t, unbonded, chainPars, 10, nil)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", p.Encode(), []byte{})), "NotBonded")
	m.run(120)
	total := new(big.Int)
	for _, a := range actors[1:] {
		require.Negative(t, m.gain(a).Sign(), a.name)
		total.Add(total, m.gain(a))
		reportEV(t, a.name, m, a, builtinReward())
	}
	t.Logf("EV %-28s %s coins for 4 keys", "sybil keys together", coins(total))
	m.honestPaid(honest)
}

// TestCheaterInflatedParameters: the miner's parameter count is nobody's
// business but the registry's: a built-in job is worth 1 compute unit
// whatever the miner believes, and relabelling it as a big model breaks
// its signature. The inflation gains nothing; the work itself is then an
// honest miner's (paid as such).
func TestCheaterInflatedParameters(t *testing.T) {
	c := defaultAuditedChain(t)
	inflator := &marketActor{name: "inflated parameters", sk: key(t, proof.MLDSA44, 131)}
	m := newMarket(t, c, inflator)
	m.submit(inflator)
	r := m.c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "pendingWork", inflator.jobs[0].id()))
	require.NoError(t, r.Err)
	require.Equal(t, builtinReward(), unpack(t, "pendingWork", r.Ret)[3], "1 compute unit, not 21,060")
	big405 := precompile.ModelSpec{Hash: proof.Hash{0x40, 0x5c}, Parameters: 405_000_000_000, Tokenizer: precompile.TokenizerBytes,
		BytesPerToken: 1, MaxInputTokens: 8192, MaxOutputTokens: 8192, Verifier: precompile.VerifierCommittee}
	require.NoError(t, registerModel(t, c, gov, big405).Err)
	relabelled := *inflator.jobs[0].p
	relabelled.Context.ModelHash = big405.Hash
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "submitWorkProof", relabelled.Encode(), []byte{})), "BadSignature")
	t.Logf("EV %-28s gain from inflating: 0 (the chain prices 1 compute unit = %s coins a job)", "inflated parameters", coins(builtinReward()))
}

// TestCheaterColludingGateway: with tickets required, a gateway that
// colludes with a miner signs tickets for its made-up work. Beyond the
// gateway's budget per epoch the tickets are refused; within it the work is
// audited like any other and the miner is slashed.
func TestCheaterColludingGateway(t *testing.T) {
	c := defaultAuditedChain(t)
	good, bad := key(t, proof.MLDSA65, 140), key(t, proof.MLDSA65, 141)
	for gw, budget := range map[*proof.PrivateKey]uint64{good: 1_000_000, bad: 100} {
		require.NoError(t, govCall(t, c, "registerGateway", gw.Public().Bytes()).Err)
		require.NoError(t, govCall(t, c, "setGatewayBudget", [32]byte(gw.Public().ID()), budget).Err)
	}
	require.NoError(t, govCall(t, c, "setTicketsRequired", true).Err)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 142), gateway: good}
	cheat := &marketActor{name: "colluding gateway", sk: key(t, proof.MLDSA44, 143), fake: true, silent: true, gateway: bad, burst: 5}
	m := newMarket(t, c, honest, cheat)
	m.run(120)
	require.Len(t, cheat.jobs, 100, "no more than the gateway's budget")
	require.Positive(t, cheat.refused["GatewayBudgetExhausted"], "tickets beyond the budget are refused: %v", cheat.refused)
	require.Negative(t, m.gain(cheat).Sign())
	m.honestPaid(honest)
	reportEV(t, "colluding gateway", m, cheat, builtinReward())
}

// TestCheaterAttestedGPU: one attested GPU lifting made-up proofs to trust
// 1.0. The device's per-epoch cap bounds how many it lifts, and attested
// work is sampled and re-executed like any other: slashed.
func TestCheaterAttestedGPU(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	c := attestChain(t, dev)
	setSampling(t, c, precompile.DefaultAuditProbabilityBps)
	require.NoError(t, govCall(t, c, "setDeviceEpochCap", uint32(50)).Err)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 150)}
	cheat := &marketActor{name: "attested GPU", sk: key(t, proof.MLDSA65, 151), fake: true, silent: true, device: dev, burst: 5}
	require.NoError(t, register(t, c, dev, minerOf(cheat.sk), 1).Err)
	m := newMarket(t, c, honest, cheat)
	m.run(120)
	require.Len(t, cheat.jobs, 50, "no more than the device's cap per epoch")
	require.Positive(t, cheat.refused["DeviceEpochCapReached"], "attested proofs beyond the cap are refused: %v", cheat.refused)
	require.Negative(t, m.gain(cheat).Sign())
	m.honestPaid(honest)
	reportEV(t, "attested GPU", m, cheat, precompile.DefaultBaseReward.ToBig())
}

// TestCheaterGriefingWatcher: a watcher that challenges honest work loses
// its challenge bond each time, to the work's beneficiary; the honest
// miner reveals and is paid.
func TestCheaterGriefingWatcher(t *testing.T) {
	c := defaultAuditedChain(t)
	honest := &marketActor{name: "honest", sk: key(t, proof.MLDSA44, 160)}
	griefer := common.HexToAddress("0x00000000000000000000000000000000000000f9")
	const budget = 10
	c.Fund(griefer, new(uint256.Int).Mul(precompile.DefaultChallengeBond, uint256.NewInt(budget)))
	start := c.State.GetBalance(griefer).ToBig()
	challenged := 0
	honest.extra = func(a *marketActor) {
		if challenged >= budget || len(a.jobs) == 0 {
			return
		}
		id := a.jobs[len(a.jobs)-1].id()
		if workStatus(t, c, id) != 1 {
			return
		}
		r := c.Call(precompiletest.Frame{Caller: griefer, Value: precompile.DefaultChallengeBond}, pack(t, "challenge", id))
		if r.Err == nil {
			challenged++
		}
	}
	m := newMarket(t, c, honest)
	m.run(60)
	require.Equal(t, budget, challenged)
	lost := new(big.Int).Sub(start, c.State.GetBalance(griefer).ToBig())
	require.Equal(t, new(big.Int).Mul(precompile.DefaultChallengeBond.ToBig(), big.NewInt(budget)), lost)
	m.honestPaid(honest)
	require.Equal(t, lost, c.State.GetBalance(honest.payee).ToBig(), "the lost bonds went to the honest beneficiary")
	t.Logf("EV %-28s %d challenges of honest work, measured gain -%s coins (-%s a challenge), paid to the miner",
		"griefing watcher", challenged, coins(lost), coins(precompile.DefaultChallengeBond.ToBig()))
}

// TestCheaterFabricatedBatches: a miner packs made-up built-in output into
// batches of 16, beside an honest batcher. A batch is drawn as one piece of
// work (5%) and the audit picks one of its items; every item of the
// cheater's is made up, so a drawn batch slashes it (it cannot reveal an
// item that re-executes, and not revealing slashes too). The honest batcher
// reveals the picked item of each drawn batch and is paid every item.
// A batch's reward stays far below p·B (it is capped per epoch at
// bondRewardCapBps of the bond, 4% < p·d = 5%), so batching does not
// change the inequality: n·r/B < -ln(1-p·d).
func TestCheaterFabricatedBatches(t *testing.T) {
	c := defaultAuditedChain(t)
	honest := &marketActor{name: "honest batcher", sk: key(t, proof.MLDSA44, 140), batch: 16}
	cheat := &marketActor{name: "fabricated batches", sk: key(t, proof.MLDSA44, 141), fake: true, batch: 16}
	m := newMarket(t, c, honest, cheat)
	m.run(80)
	require.NotEmpty(t, cheat.batches)
	require.Negative(t, m.gain(cheat).Sign(), "the cheater gained %s", m.gain(cheat))
	require.Zero(t, bondOf(t, c, cheat.sk.Public().ID()).Sign(), "slashed")
	m.honestPaid(honest)
	perBatch := new(big.Int).Mul(builtinReward(), big.NewInt(16))
	reportEV(t, "fabricated batches of 16", m, cheat, perBatch)
}
