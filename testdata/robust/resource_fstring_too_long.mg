let s = "ab" * 1000000
let t = f"{s}-{s}"
print(len(t))
print(len(f"{t}{s}"))
