// Package teleporttest runs Teleport end to end on two real pars-geth
// nodes (Pars 6133 and Zoo 200200): mining on Pars, teleporting to Zoo,
// in-process teleport signers and racing relayers, claiming, and replay
// refusals; and four teleports in flight while a signer and the relayer
// are stopped and restarted from their state directories. It needs
// ../bin/pars-geth (or $PARS_GETH) and is skipped with -short.
package teleporttest
