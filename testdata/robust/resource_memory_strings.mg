# args: --max-memory 64M
let parts = []
while true {
  parts.append("x" * 4000000)
}
