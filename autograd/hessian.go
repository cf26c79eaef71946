package autograd

// Hessian returns the matrix of second derivatives of root with respect to
// xs: H[i][j] = d/dxj (d root/dxi). The gradient graphs of root with
// respect to every x are built once (Grad); then row i's entries from the
// diagonal rightwards come from Grad of the i'th gradient graph, so the
// upper triangle (j >= i) is computed and the lower one is filled in by
// symmetry (H[j][i] = H[i][j]), which makes the matrix exactly symmetric.
// Mixed partials computed the other way round can differ from these in the
// last bits: the two gradient graphs round differently.
//
// No Grad field is changed. check is Grad's, and is called before each
// row as well.
func Hessian(ar *Arena, root *Value, xs []*Value, check func() error) ([][]float64, error) {
	// Only numbers come out, so nothing is replayed: the pruned graphs,
	// which leave out what is below a relu that is off, give the same.
	gs, err := GradPruned(ar, root, xs, check)
	if err != nil {
		return nil, err
	}
	n := len(xs)
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	for i, g := range gs {
		// Each row is a sweep of its own, often far shorter than the
		// stretch after which a sweep calls check: called here too, a
		// cancellation stops the matrix within a row.
		if check != nil {
			if err := check(); err != nil {
				return nil, err
			}
		}
		row, err := GradPruned(ar, g, xs[i:], check)
		if err != nil {
			return nil, err
		}
		for k, d := range row {
			j := i + k
			h[i][j], h[j][i] = d.Data, d.Data
		}
	}
	return h, nil
}
