# Scopes, closures, recursion, loops, comprehensions, keyword arguments.
fn counter() {
  let count = 0
  fn inc() {
    count = count + 1
    return count
  }
  return inc
}
let c1 = counter()
c1(); c1()
print(c1())
fn fib(n) {
  if n < 2 { return n }
  return fib(n - 1) + fib(n - 2)
}
print(fib(20))
let x = 1
if true {
  let x = 2
  print(x)
}
print(x)
fn scale(v, k=2, shift=0) { return v * k + shift }
print(scale(3), scale(3, 10), scale(3, shift=1), scale(v=1, k=1))
let out = []
for i in range(10) {
  if i % 3 == 0 { continue }
  if i > 7 { break }
  out.append(i)
}
print(out)
let pairs = [[i, j] for i in range(3) for j in range(i) if i + j > 1]
print(pairs)
let total = 0
for a, b in zip([1, 2, 3], [10, 20, 30]) { total += a * b }
print(total)
let i = 0
while true {
  i += 1
  if i >= 5 { break }
}
print(i)
fn early(xs) {
  for x in xs {
    if x > 2 { return x }
  }
  return -1
}
print(early([1, 2, 3, 4]), early([]))
let sq = fn (z) { return z * z }
print(sq(7))
if 1 > 2 {
  print("no")
}
else if 2 > 1 {
  print("else on its own line")
}
print([w for w in "abc"], enumerate(["p", "q"], start=1))
let m = [[1, 2], [3, 4]]
m[0][1] = 20
m[1][0] += 10
print(m, m[-1][-1])
print(print)
