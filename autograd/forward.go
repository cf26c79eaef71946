package autograd

import "runtime"

// Forward recomputes the Data of every non-leaf node root depends on from
// the current Data of the leaves, in topological order. Its errors are the
// constructors' (a *NumError), or check's: check, if not nil, is called
// about every 65536 nodes and a non-nil error from it stops the work. A
// node whose recomputation fails keeps its old Data, as do the nodes after
// it, and the error says so.
func Forward(root *Value, check func() error) error {
	s, err := sweepOrder(root, check, false)
	if err != nil {
		return err
	}
	defer s.release()
	err = forwardSweep(s.nodes, check)
	runtime.KeepAlive(root) // the order holds the nodes as integers
	if ne, ok := err.(*NumError); ok {
		// The graph is now part new, part old: say so, or a backward
		// run next would mix the two points without a word.
		return &NumError{Op: ne.Op, Msg: ne.Msg + "; forward stopped there, so the nodes after it keep their old data: " +
			"change the leaves' data and run forward again before backward"}
	}
	return err
}

func forwardSweep(nodes addrs, check func() error) error {
	next := checkEvery
	for i := range nodes {
		v := nodes.at(i)
		if v.op == OpLeaf {
			continue
		}
		if err := recompute(v); err != nil {
			return err
		}
		if i >= next && check != nil {
			next += checkEvery
			if err := check(); err != nil {
				return err
			}
		}
	}
	return nil
}
