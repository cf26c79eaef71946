let n = Neuron()
