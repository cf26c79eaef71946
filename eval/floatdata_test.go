package eval_test

import "testing"

// docs/language.md section 12: a Value's data is always a float64, where
// micrograd keeps the int or bool it was given.
func TestValueDataIsAlwaysFloat64(t *testing.T) {
	wantOutput(t, "print(Value(3), Value(3) * 2, Value(3) ** 2, Value(true))\nprint(type(Value(3).data))\n",
		"Value(data=3.0, grad=0.0) Value(data=6.0, grad=0.0) Value(data=9.0, grad=0.0) Value(data=1.0, grad=0.0)\nfloat\n")
}

// Section 12: inf and nan cannot be typed as literals, but float() makes
// them when asked, and a named one is a leaf; arithmetic on it stops.
func TestFloatOfNanAndInfMakesThem(t *testing.T) {
	wantOutput(t, "let v = float(\"nan\")\nprint(v, float(\"inf\"), float(\"1e400\"), -float(\"inf\"))\n",
		"Value(data=nan, grad=0.0) inf inf -inf\n")
	wantError(t, "let v = float(\"nan\")\nprint(v + 1.0)\n", "result is not finite in +")
}
