# args: --max-nodes 10000 --timeout 10s
let model = MLP(1000, [1000, 1000, 1])
