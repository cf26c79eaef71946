package autograd

import (
	"errors"
	"math"
	"runtime"
)

// NumGrad estimates d(root)/d(x) for a leaf x by the central difference
// (f(x+h) - f(x-h)) / (2h), evaluating f with Forward. It restores x.Data
// and runs Forward again, so the graph's data is left as found (gradients
// are not touched). Its errors are Forward's, and an error for an x that
// is not a leaf (Forward would overwrite it) or an h that is not positive.
func NumGrad(root, x *Value, h float64, check func() error) (float64, error) {
	if err := numGradArgs(x, h); err != nil {
		return 0, err
	}
	s, err := sweepOrder(root, check, false)
	if err != nil {
		return 0, err
	}
	defer s.release()
	d, err := centralDiff(s.nodes, root, x, h, check)
	if err2 := restore(s.nodes); err == nil {
		err = err2
	}
	runtime.KeepAlive(root) // the order holds the nodes as integers
	return d, err
}

func numGradArgs(x *Value, h float64) error {
	if x.op != OpLeaf {
		return errors.New("numgrad: the variable must be a leaf, not the result of " + x.OpName())
	}
	if !(h > 0) || math.IsInf(h, 1) {
		return errors.New("numgrad: h must be a positive number, not " + FormatFloat(h))
	}
	return nil
}

// centralDiff evaluates f(x+h) and f(x-h) and leaves x.Data as it was;
// the other nodes' Data are left as at x-h (restore recomputes them).
func centralDiff(nodes addrs, root, x *Value, h float64, check func() error) (float64, error) {
	x0 := x.Data
	defer func() { x.Data = x0 }()
	x.Data = x0 + h
	if err := forwardSweep(nodes, check); err != nil {
		return 0, err
	}
	fp := root.Data
	x.Data = x0 - h
	if err := forwardSweep(nodes, check); err != nil {
		return 0, err
	}
	fm := root.Data
	return (fp - fm) / (2 * h), nil
}

// restore recomputes the data from the leaves' own (original) data. It is
// not cancellable: stopping it would leave the graph inconsistent.
func restore(nodes addrs) error { return forwardSweep(nodes, nil) }

// Mismatch is a leaf whose analytic gradient (Grad, from Backward)
// disagrees with the numeric one (NumGrad).
type Mismatch struct {
	Leaf              *Value
	Analytic, Numeric float64
}

// GradCheck compares every leaf's Grad with NumGrad(root, leaf, h) and
// returns the leaves that disagree, in Topo order. Two values agree when
// |a-n| <= max(1e-5*max(|a|,|n|), 1e-5). The graph's data is left as found.
func GradCheck(root *Value, h float64, check func() error) ([]Mismatch, error) {
	if !(h > 0) || math.IsInf(h, 1) {
		return nil, errors.New("gradcheck: h must be a positive number, not " + FormatFloat(h))
	}
	s, err := sweepOrder(root, check, false)
	if err != nil {
		return nil, err
	}
	defer s.release()
	bad, err := gradCheck(s.nodes, root, h, check)
	runtime.KeepAlive(root) // the order holds the nodes as integers
	return bad, err
}

func gradCheck(nodes addrs, root *Value, h float64, check func() error) ([]Mismatch, error) {
	var bad []Mismatch
	for i := range nodes {
		x := nodes.at(i)
		if x.op != OpLeaf {
			continue
		}
		n, err := centralDiff(nodes, root, x, h, check)
		if err != nil {
			restore(nodes)
			return bad, err
		}
		if !gradsAgree(x.Grad, n) {
			bad = append(bad, Mismatch{Leaf: x, Analytic: x.Grad, Numeric: n})
		}
	}
	return bad, restore(nodes)
}

func gradsAgree(a, n float64) bool {
	tol := math.Max(1e-5*math.Max(math.Abs(a), math.Abs(n)), 1e-5)
	return math.Abs(a-n) <= tol
}
