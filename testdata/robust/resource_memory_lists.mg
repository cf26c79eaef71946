# args: --max-memory 64M
let xs = []
while true {
  xs.append([0] * 1000000)
}
