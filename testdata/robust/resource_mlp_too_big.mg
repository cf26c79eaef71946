let model = MLP(1000000, [1000000])
