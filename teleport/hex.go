package teleport

import "github.com/ethereum/go-ethereum/common/hexutil"

// HexBytes is a byte string written as 0x-hex in JSON.
type HexBytes = hexutil.Bytes
