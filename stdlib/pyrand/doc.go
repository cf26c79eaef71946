// Package pyrand is a bit-for-bit port of the parts of CPython's random
// module that mg needs, so that mg programs seeded like a Python program
// draw exactly the same numbers.
//
// The generator is the 32-bit Mersenne Twister MT19937 as CPython's
// _randommodule.c implements it: an integer seed is hashed into the state
// with init_by_array over the 32-bit chunks (least significant first) of its
// absolute value, random() builds a double from 53 bits of two successive
// outputs, and getrandbits(k) takes the top k bits of each 32-bit word.
// On top of it, the methods follow CPython 3.11's random.py: uniform, gauss
// (with its cached second value), randrange through
// _randbelow_with_getrandbits, and shuffle.
//
// Random, Uniform, Getrandbits, Randrange and Shuffle reproduce CPython
// exactly. Gauss follows CPython's algorithm step for step, with the
// correctly rounded log, cos and sin of the autograd package where CPython
// calls the C library's: 995 of 1,000 values in the tests are bit-identical
// to CPython on glibc, the rest differ where glibc itself misrounds.
// The tests check Gauss to within 1e-15 relative.
//
// A Rand is not safe for concurrent use.
package pyrand
