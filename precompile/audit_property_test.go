package precompile_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// TestAuditAccountingProperty plays random sequences of submissions (honest
// and made-up, built-in and committee work), draws, challenges, reveals,
// committee votes, settlements and finalizations, across epochs, and checks
// after every step:
//
//   - every accepted reward is credited, pending or forfeited, exactly:
//     accepted = totalMinted + totalPending + forfeited;
//   - the beneficiaries' mining balances add up to totalMinted;
//   - no epoch accepted more than its budget;
//   - native coin is conserved: what every account holds plus what
//     slashing burned is what the test funded;
//   - 0x0300 holds exactly the bonds, the open challenge bonds and the
//     verifier stakes;
//   - no honest miner is ever slashed, and none of its work forfeited.
func TestAuditAccountingProperty(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 14))
			c := newChain(t)
			require.NoError(t, govCall(t, c, "setEpochParameters", uint64(200), big.NewInt(400), uint16(2500)).Err) // budget 4e17 per epoch
			setSampling(t, c, 3000)
			funded := new(big.Int)
			fund := func(a common.Address, v *uint256.Int) {
				c.Fund(a, v)
				funded.Add(funded, v.ToBig())
			}
			verifiers := make([]common.Address, 5)
			for i := range verifiers {
				verifiers[i] = verifierAddr(300 + i)
				require.NoError(t, govCall(t, c, "setVerifierAdmitted", verifiers[i], true).Err)
				fund(verifiers[i], precompile.DefaultMinVerifierStake)
				require.NoError(t, c.Call(precompiletest.Frame{Caller: verifiers[i], Value: precompile.DefaultMinVerifierStake}, pack(t, "registerVerifier")).Err)
			}
			type miner struct {
				sk             *proof.PrivateKey
				bonder, payee  common.Address
				fake, committe bool
			}
			miners := []*miner{
				{sk: key(t, proof.MLDSA44, 200)},                 // honest, built-in
				{sk: key(t, proof.MLDSA44, 201), fake: true},     // made up, built-in
				{sk: key(t, proof.MLDSA44, 202), committe: true}, // honest, committee model
				{sk: key(t, proof.MLDSA44, 203), fake: true, committe: true},
			}
			for i, m := range miners {
				m.bonder, m.payee = common.BigToAddress(big.NewInt(int64(0xd000+i))), common.BigToAddress(big.NewInt(int64(0xe000+i)))
				bond := new(uint256.Int).Mul(precompile.DefaultMinBond, uint256.NewInt(uint64(1+i)))
				fund(m.bonder, bond)
				require.NoError(t, c.Call(precompiletest.Frame{Caller: m.bonder, Value: bond}, pack(t, "bond", [32]byte(m.sk.Public().ID()))).Err)
			}
			watcher := common.HexToAddress("0x00000000000000000000000000000000000000fa")
			fund(watcher, new(uint256.Int).Mul(precompile.DefaultChallengeBond, uint256.NewInt(40)))
			accounts := []common.Address{watcher, gov, stranger}
			accounts = append(accounts, verifiers...)
			for _, m := range miners {
				accounts = append(accounts, m.bonder, m.payee)
			}

			type work struct {
				j     *job
				owner *miner
			}
			var works []work
			accepted := new(big.Int)
			perEpoch := map[uint64]*big.Int{}
			budget := new(big.Int).Mul(big.NewInt(400), precompile.DefaultBaseReward.ToBig())
			block, now := uint64(1), uint64(t0)
			n := 0
			newJob := func(m *miner) *job {
				n++
				if m.committe {
					j := committeeJob(t, m.sk, fmt.Sprint(seed, "c", n))
					if m.fake {
						j.output = []byte("not what the model says")
						j.p = makeProof(t, m.sk, chainPars, 0, func(p *proof.AIWorkProof) {
							*p = *j.p
							p.OutputHash = proof.HashOutput(j.output)
							p.OutputTokens = uint32((len(j.output) + 3) / 4)
						})
					}
					return j
				}
				return builtinJob(t, m.sk, fmt.Sprint(seed, "b", n), 8, m.fake, nil)
			}
			for step := range 220 {
				block++
				now += uint64(r.IntN(6))
				c.SetBlock(block, now)
				// Honest miners reveal their audited work at once, as
				// their daemons do.
				for _, w := range works {
					if w.owner.fake {
						continue
					}
					id := w.j.id()
					if st := workStatus(t, c, id); st == 4 || (st == 1 && view(t, c, "auditDraw", id)[0].(uint8) >= 2) {
						if res := revealJob(t, c, w.j); res.Err != nil {
							require.Equal(t, "RevealTooEarly", res.Revert.Name, "step %d", step)
						}
					}
				}
				switch k := r.IntN(10); {
				case k < 3: // a submission
					m := miners[r.IntN(len(miners))]
					j := newJob(m)
					j.p = makeProof(t, m.sk, chainPars, 0, func(p *proof.AIWorkProof) {
						*p = *j.p
						p.Context.Timestamp = now
						p.Beneficiary = m.payee
					})
					res := c.Call(precompiletest.Frame{Caller: m.bonder}, pack(t, "submitWorkProof", j.p.Encode(), []byte{}))
					if res.Err != nil {
						require.Contains(t, []string{"NotBonded", "EpochBudgetExhausted", "BondTooSmall"}, res.Revert.Name, "step %d", step)
						break
					}
					vals, err := iaimining.Events["WorkAccepted"].Inputs.NonIndexed().Unpack(res.Logs[len(res.Logs)-1].Data)
					require.NoError(t, err)
					amt, e := vals[1].(*big.Int), vals[2].(uint64)
					accepted.Add(accepted, amt)
					if perEpoch[e] == nil {
						perEpoch[e] = new(big.Int)
					}
					perEpoch[e].Add(perEpoch[e], amt)
					works = append(works, work{j, m})
				case len(works) == 0:
				case k == 3: // draws
					ids := make([][32]byte, 0, 32)
					for _, i := range r.Perm(len(works))[:min(32, len(works))] {
						ids = append(ids, works[i].j.id())
					}
					require.NoError(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "markSelected", ids)).Err)
				case k == 4: // a challenge
					w := works[r.IntN(len(works))]
					res := c.Call(precompiletest.Frame{Caller: watcher, Value: precompile.DefaultChallengeBond}, pack(t, "challenge", w.j.id()))
					if res.Err != nil && res.Revert != nil {
						require.Contains(t, []string{"WorkUnderAudit", "WorkNotPending", "ChallengeWindowClosed", "MinerSlashed"}, res.Revert.Name)
					}
				case k == 5 || k == 6: // a reveal by the owner (made-up work too, sometimes)
					w := works[r.IntN(len(works))]
					if w.owner.fake && r.IntN(2) == 0 {
						break
					}
					res := revealJob(t, c, w.j)
					if res.Err != nil {
						require.Contains(t, []string{"NotUnderAudit", "AlreadyRevealed", "WorkNotPending", "RevealWindowClosed", "RevealTooEarly", "MinerSlashed"},
							res.Revert.Name, "step %d", step)
					}
				case k == 7: // committee votes, by the truth
					w := works[r.IntN(len(works))]
					if workStatus(t, c, w.j.id()) != 5 {
						break
					}
					verdict := proof.VerdictValid
					if w.owner.fake {
						verdict = proof.VerdictFraud
					}
					members, states, _ := committeeOf(t, c, w.j.id())
					for i, v := range members {
						if r.IntN(4) == 0 {
							continue // this one stays silent
						}
						if states[i] == 0 {
							commitVote(t, c, w.j.id(), v, verdict)
						} else if states[i] == 1 {
							revealVote(t, c, w.j.id(), v, verdict)
						}
					}
				case k == 8: // a watcher settles what it can
					for _, i := range r.Perm(len(works)) {
						res := settleAudit(t, c, works[i].j.id())
						if res.Err != nil {
							require.Contains(t, []string{"NotUnderAudit", "WorkNotPending", "RevealWindowOpen", "VotingOpen"},
								res.Revert.Name, "step %d", step)
						}
					}
				default: // a finalization, after a jump of up to 60 blocks sometimes
					if r.IntN(3) == 0 {
						block += uint64(r.IntN(60))
						c.SetBlock(block, now)
					}
					for _, i := range r.Perm(len(works)) {
						res := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", [][32]byte{works[i].j.id()}))
						if res.Err != nil {
							require.Contains(t, []string{"WorkNotPending", "WorkUnderAudit", "ChallengeWindowOpen", "AuditSeedExpired"}, res.Revert.Name, "step %d", step)
						}
					}
				}

				// Invariants.
				minted := view(t, c, "totalMinted")[0].(*big.Int)
				pending := view(t, c, "totalPending")[0].(*big.Int)
				burned, forfeited := auditTotals(t, c)
				books := new(big.Int).Add(minted, pending)
				require.Zero(t, accepted.Cmp(books.Add(books, forfeited)), "step %d: accepted %v = credited %v + pending %v + forfeited %v", step, accepted, minted, pending, forfeited)
				paid := new(big.Int)
				for _, m := range miners {
					paid.Add(paid, balanceOf(t, c, m.payee))
				}
				require.Zero(t, minted.Cmp(paid), "step %d: balances %v = credited %v", step, paid, minted)
				for e, v := range perEpoch {
					require.LessOrEqual(t, v.Cmp(budget), 0, "epoch %d accepted %v over the budget %v", e, v, budget)
				}
				coin := new(big.Int).Set(burned)
				for _, a := range accounts {
					coin.Add(coin, c.State.GetBalance(a).ToBig())
				}
				held := c.State.GetBalance(precompile.Address).ToBig()
				require.Zero(t, funded.Cmp(new(big.Int).Add(coin, held)), "step %d: coin not conserved", step)
				owed := new(big.Int)
				for _, m := range miners {
					owed.Add(owed, bondOf(t, c, m.sk.Public().ID()))
				}
				for _, v := range verifiers {
					owed.Add(owed, stakeOf(t, c, v))
				}
				for _, w := range works {
					if info := view(t, c, "auditInfo", w.j.id()); info[0].(uint8) == 4 || info[0].(uint8) == 5 {
						owed.Add(owed, info[5].(*big.Int))
					}
				}
				require.Zero(t, held.Cmp(owed), "step %d: 0x0300 holds %v, owes %v", step, held, owed)
				for _, w := range works {
					if !w.owner.fake {
						require.NotEqual(t, uint8(7), workStatus(t, c, w.j.id()), "step %d: honest work forfeited", step)
					}
				}
			}
			burned, forfeited := auditTotals(t, c)
			statuses := map[uint8]int{}
			for _, w := range works {
				statuses[workStatus(t, c, w.j.id())]++
			}
			t.Logf("%d accepted; statuses %v; credited %s, forfeited %s, burned %s coins", len(works), statuses,
				coins(view(t, c, "totalMinted")[0].(*big.Int)), coins(forfeited), coins(burned))
			require.Positive(t, forfeited.Sign(), "the sequence slashed nobody: not a test of slashing")
			require.Positive(t, view(t, c, "totalMinted")[0].(*big.Int).Sign(), "the sequence paid nobody")
		})
	}
}
