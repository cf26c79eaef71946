package cgraph

import "github.com/goccy/go-graphviz/internal/wasm"

// setEnumVars copies the enumeration values that the WebAssembly module
// reports into this package's variables. Upstream did this in the variables'
// initialisers, at program start; here it runs from wasm.Load.
func setEnumVars() error {
	GRAPH = ObjectTag(wasm.GRAPH)
	NODE = ObjectTag(wasm.NODE)
	OUTEDGE = ObjectTag(wasm.OUT_EDGE)
	INEDGE = ObjectTag(wasm.IN_EDGE)
	EDGE = ObjectTag(wasm.EDGE)
	return nil
}
