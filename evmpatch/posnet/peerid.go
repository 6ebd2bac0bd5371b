package posnet

import (
	"crypto/ecdsa"
	"encoding/hex"
	"fmt"
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum/crypto"
)

// PeerID returns the libp2p peer id of a beacon node whose network key is
// key: the identity multihash of the protobuf-encoded compressed secp256k1
// public key, in base58btc ("16Uiu2HA…"). Knowing the ids in advance lets
// every beacon node start with --peer entries for all the others.
func PeerID(key *ecdsa.PublicKey) string {
	pub := crypto.CompressPubkey(key) // 33 bytes
	// libp2p crypto.pb PublicKey{Type: Secp256k1 (2), Data: pub}.
	pb := append([]byte{0x08, 0x02, 0x12, byte(len(pub))}, pub...)
	// Keys of at most 42 encoded bytes are inlined: multihash identity (0x00).
	mh := append([]byte{0x00, byte(len(pb))}, pb...)
	return base58(mh)
}

// WriteBeaconKey writes key as Prysm's --p2p-priv-key file expects it: the
// 32-byte secret in hex, without a prefix.
func WriteBeaconKey(path string, key *ecdsa.PrivateKey) error {
	if err := os.WriteFile(path, []byte(hex.EncodeToString(crypto.FromECDSA(key))), 0o600); err != nil {
		return fmt.Errorf("posnet: write beacon network key: %w", err)
	}
	return nil
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58 encodes b with the Bitcoin alphabet, one '1' per leading zero byte.
func base58(b []byte) string {
	n := new(big.Int).SetBytes(b)
	radix, mod := big.NewInt(58), new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}
