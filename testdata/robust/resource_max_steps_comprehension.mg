# args: --max-steps 1000
let xs = [i * i for i in range(1000000000)]
