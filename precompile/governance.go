package precompile

import (
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// change is one parameter change, reported as ParameterChanged.
type change struct {
	name     string
	old, new *big.Int
}

// govern runs a governance setter: only the governance address may call it,
// the changed parameters must validate as a whole, and each changed value is
// reported with ParameterChanged(name, old, new).
func (c *call) govern(update func(p *Params) []change) ([]any, error) {
	p := c.st.allParams()
	if caller := c.env.Caller(); caller != p.Governance {
		return nil, revert("NotGovernance", caller)
	}
	changes := update(&p)
	if err := p.Validate(); err != nil {
		// Params.Validate words its errors itself, from fixed formats and
		// integers only (no library text).
		return nil, revert("InvalidParameter", strings.TrimPrefix(err.Error(), ErrInvalidParams.Error()+": "))
	}
	c.st.setParams(&p)
	for _, ch := range changes {
		if ch.old.Cmp(ch.new) == 0 {
			continue
		}
		var name common.Hash
		copy(name[:], ch.name)
		c.env.AddLog([]common.Hash{eventTopic("ParameterChanged"), name}, packEventData("ParameterChanged", ch.old, ch.new))
	}
	return nil, nil
}

// u64change records a uint64-valued parameter change.
func u64change(name string, old, new uint64) change {
	return change{name, bigOf(old), bigOf(new)}
}

// setBaseReward(uint256)
func (c *call) setBaseReward(args []any) ([]any, error) {
	v, overflow := uint256.FromBig(args[0].(*big.Int))
	if overflow {
		return nil, revert("InvalidParameter", "baseReward does not fit 256 bits")
	}
	return c.govern(func(p *Params) []change {
		old := p.BaseReward
		p.BaseReward = v
		return []change{{"baseReward", old.ToBig(), v.ToBig()}}
	})
}

// setEpochParameters(uint64 epochLength, uint256 targetComputePerEpoch, uint16 maxAdjustmentStepBps)
func (c *call) setEpochParameters(args []any) ([]any, error) {
	length, step := args[0].(uint64), args[2].(uint16)
	target, overflow := uint256.FromBig(args[1].(*big.Int))
	if overflow {
		return nil, revert("InvalidParameter", "targetComputePerEpoch does not fit 256 bits")
	}
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("epochLength", p.EpochLength, length),
			{"targetComputePerEpoch", p.TargetComputePerEpoch.ToBig(), target.ToBig()},
			u64change("maxAdjustmentStepBps", uint64(p.MaxAdjustmentStepBps), uint64(step)),
		}
		p.EpochLength, p.TargetComputePerEpoch, p.MaxAdjustmentStepBps = length, target, step
		return ch
	})
}

// setCaps(uint64 maxComputeUnitsPerProof, uint32 maxBatchSize)
func (c *call) setCaps(args []any) ([]any, error) {
	cu, batch := args[0].(uint64), args[1].(uint32)
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("maxComputeUnitsPerProof", p.MaxComputeUnitsPerProof, cu),
			u64change("maxBatchSize", uint64(p.MaxBatchSize), uint64(batch)),
		}
		p.MaxComputeUnitsPerProof, p.MaxBatchSize = cu, batch
		return ch
	})
}

// setTimeWindow(uint64 timeWindowPast, uint64 timeWindowFuture)
func (c *call) setTimeWindow(args []any) ([]any, error) {
	past, future := args[0].(uint64), args[1].(uint64)
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("timeWindowPast", p.TimeWindowPast, past),
			u64change("timeWindowFuture", p.TimeWindowFuture, future),
		}
		p.TimeWindowPast, p.TimeWindowFuture = past, future
		return ch
	})
}

// setTrustScores(uint16 trustAttestedBps, uint16 trustSoftwareBps)
func (c *call) setTrustScores(args []any) ([]any, error) {
	att, sw := args[0].(uint16), args[1].(uint16)
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("trustAttestedBps", uint64(p.TrustAttestedBps), uint64(att)),
			u64change("trustSoftwareBps", uint64(p.TrustSoftwareBps), uint64(sw)),
		}
		p.TrustAttestedBps, p.TrustSoftwareBps = att, sw
		return ch
	})
}

// transferGovernance(address newGovernance)
func (c *call) transferGovernance(args []any) ([]any, error) {
	next := args[0].(common.Address)
	p := c.st.allParams()
	if caller := c.env.Caller(); caller != p.Governance {
		return nil, revert("NotGovernance", caller)
	}
	if next == (common.Address{}) {
		return nil, revert("InvalidParameter", "newGovernance is the zero address")
	}
	prev := p.Governance
	p.Governance = next
	c.st.setParams(&p)
	c.env.AddLog([]common.Hash{eventTopic("GovernanceTransferred"), common.BytesToHash(prev[:]), common.BytesToHash(next[:])}, nil)
	return nil, nil
}
