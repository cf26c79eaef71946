# args: --timeout 1s
while true {
}
