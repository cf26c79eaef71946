# args: --max-memory 64M
let L = Value(1.0)
print("start")
while true {
  L = L * 1.0
}
