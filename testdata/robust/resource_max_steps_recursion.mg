# args: --max-steps 500
fn count(n) {
  if n == 0 { return 0 }
  return 1 + count(n - 1)
}
print(count(400))
print(count(600))
