package autograd

import (
	"strings"
	"testing"
)

// The lecture's MLP(3, [4, 4, 1]) with ReLU hidden layers (micrograd's
// nn.py), its four samples and 100 SGD steps at lr 0.01, from the initial
// parameters random.seed(1) gives (shared/bench/data/w1_init.csv).
var (
	lectureInit = []float64{
		-0.7312715117751976, 0.6948674738744653, 0.5275492379532281, 0.0,
		-0.4898619485211566, -0.009129825816118098, -0.10101787042252375, 0.0,
		0.3031859454455259, 0.5774467022710263, -0.8122808264515302, 0.0,
		-0.9433050469559874, 0.6715302078397394, -0.13446586418989326, 0.0,
		0.524560164915884, -0.9957878932977786, -0.10922561189039715, 0.44308006468156513, 0.0,
		-0.5424755574590947, 0.8905413911078446, 0.8028549152229671, -0.9388200339328929, 0.0,
		-0.9491082780130784, 0.08282494558699316, 0.8782983255570211, -0.23759152462357513, 0.0,
		-0.5668012057387732, -0.15576684883456537, -0.9419184248502641, -0.5566166674539299, 0.0,
		-0.12422481269885588, -0.008375517236298702, -0.5338310994848547, -0.5382669169180314, 0.0,
	}
	lectureXs = [][]float64{{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}}
	lectureYs = []float64{1, 0, 0, 1}
)

// TestLectureTraining reproduces CPython micrograd's numbers digit for
// digit: the final loss and predictions below are what it prints.
func TestLectureTraining(t *testing.T) {
	ar := NewArena()
	m := must(t)
	sizes := []int{3, 4, 4, 1}
	var params []*Value
	for _, p := range lectureInit {
		v := ar.Leaf(p)
		v.SetParam(true)
		params = append(params, v)
	}
	var loss *Value
	var ypred []*Value
	for range 100 {
		ypred = ypred[:0]
		for _, row := range lectureXs {
			x := make([]*Value, len(row))
			for i, f := range row {
				x[i] = ar.Leaf(f)
			}
			p := params
			for l := 1; l < len(sizes); l++ {
				out := make([]*Value, sizes[l])
				for j := range out {
					w, b := p[:len(x)], p[len(x)]
					p = p[len(x)+1:]
					act := b // sum((wi*xi for ...), b)
					for i := range x {
						act = m(ar.Add(act, m(ar.Mul(w[i], x[i]))))
					}
					if l < len(sizes)-1 {
						act = m(ar.ReLU(act))
					}
					out[j] = act
				}
				x = out
			}
			ypred = append(ypred, x[0])
		}
		loss = nil
		for i, y := range ypred { // sum((yout - ygt)**2 ...), from 0
			sq := m(ar.PowConst(m(ar.Sub(y, ar.Leaf(lectureYs[i]))), 2))
			if loss == nil {
				loss = m(ar.Add(sq, ar.Leaf(0)))
			} else {
				loss = m(ar.Add(loss, sq))
			}
		}
		for _, p := range params {
			p.Grad = 0
		}
		if err := Backward(loss, nil); err != nil {
			t.Fatal(err)
		}
		for _, p := range params {
			p.Data += float64(-0.01 * p.Grad) // float64: no fused multiply-add
		}
	}
	got := []string{FormatFloat(loss.Data)}
	for _, y := range ypred {
		got = append(got, FormatFloat(y.Data))
	}
	want := "0.0073864224020347095 1.0120099058492713 0.07244688900469765 -0.03539087511088844 0.9727765028706291"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
