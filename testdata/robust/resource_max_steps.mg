# args: --max-steps 1000
let i = 0
while true {
  i += 1
}
