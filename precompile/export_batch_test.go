package precompile

import "github.com/pars-network/aimining/proof"

// ParseKeyWithID exposes the cache lookup submitWorkBatch makes, with the
// miner id it has computed already, to the benchmarks.
func ParseKeyWithID(kc *KeyCache, id proof.Hash, raw []byte) (*proof.PublicKey, error) {
	return kc.parseID(id, raw)
}

// BatchItemUnder runs batchItemUnder in env, for the tests of the audit
// building block.
func BatchItemUnder(env Env, batchID proof.Hash, count uint16, root proof.Hash, index int, item []byte, path []proof.Hash) (proof.BatchItem, error) {
	c := &call{env: env, st: store{db: env.State()}}
	it, _, err := c.batchItemUnder(batchID, count, root, index, item, path)
	return it, err
}
