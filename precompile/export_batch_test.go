package precompile

import "github.com/pars-network/aimining/proof"

// ParseKeyWithID exposes the cache lookup submitWorkBatch makes, with the
// miner id it has computed already, to the benchmarks.
func ParseKeyWithID(kc *KeyCache, id proof.Hash, raw []byte) (*proof.PublicKey, error) {
	return kc.parseID(id, raw)
}
