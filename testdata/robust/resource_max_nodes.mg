# args: --max-nodes 1000 --timeout 10s
let a = Value(1.0)
while true {
  a = a * 1.0
}
