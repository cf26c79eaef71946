package wasm

import (
	"fmt"
	"sync"
)

var (
	loadOnce  sync.Once
	loadErr   error
	loadHooks []func() error
)

// OnLoad registers fn to run right after the module is loaded. The packages
// built on this one register their set-up here from their init, which costs
// nothing, instead of calling into the module at program start.
func OnLoad(fn func() error) {
	loadHooks = append(loadHooks, fn)
}

// Load compiles and instantiates the Graphviz module and runs the OnLoad
// hooks, the first time it is called; later calls return the first result.
// Nothing in this package works before Load has succeeded.
func Load() error {
	loadOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				loadErr = fmt.Errorf("loading Graphviz (WebAssembly): %v", r)
			}
		}()
		load()
		for _, fn := range loadHooks {
			if err := fn(); err != nil {
				loadErr = fmt.Errorf("loading Graphviz (WebAssembly): %w", err)
				return
			}
		}
	})
	return loadErr
}
