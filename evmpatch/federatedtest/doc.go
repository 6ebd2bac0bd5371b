// Package federatedtest runs a light-mining round end to end on a real
// pars-geth node: governance registers the aggregator and sets the round
// pool, phones train and submit signed updates to an aggregate node over
// loopback HTTP, the aggregator publishes the round's reward root by
// transaction and every paid phone's reward is claimed; a second claim, a
// forged proof and a second publication are refused. It needs
// ../bin/pars-geth (or $PARS_GETH) and is skipped with -short.
package federatedtest
