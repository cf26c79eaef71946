# args: --max-memory 64M
# One statement, no loop turn and no call: the limit still stops it.
let a = [0.0] * 1000000
let b = [a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1, a * 1]
print("never")
