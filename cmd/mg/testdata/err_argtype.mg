let n = Neuron("three")
