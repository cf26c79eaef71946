package autograd

// Exp, Log, Pow, Sin and Cos are the engine's correctly rounded versions
// of the math functions, exported so that the rest of mg computes plain
// numbers with the same digits as graph nodes (and as CPython on glibc,
// except where glibc itself misrounds).

// Exp returns e**x, correctly rounded.
func Exp(x float64) float64 { return crExp(x) }

// Log returns the natural logarithm of x, correctly rounded.
func Log(x float64) float64 { return crLog(x) }

// Pow returns x**y, correctly rounded.
func Pow(x, y float64) float64 { return crPow(x, y) }

// Sin returns the sine of x, correctly rounded.
func Sin(x float64) float64 { return crSin(x) }

// Cos returns the cosine of x, correctly rounded.
func Cos(x float64) float64 { return crCos(x) }
