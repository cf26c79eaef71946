// Package stdlib holds mg's builtins: the math of Values and numbers, the
// gradient tools, Python's everyday functions, CPython's random numbers,
// the lecture's Neuron/Layer/MLP, graph drawing and plotting.
package stdlib
