# args: --max-memory 64M
let s = "x" * 4000000
let parts = []
print(len(s))
while true {
  parts.append(s + "!")
}
