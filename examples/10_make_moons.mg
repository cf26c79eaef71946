# 10 · Making data: two moons from sin, cos and gauss.
#
#   go run ./cmd/mg run examples/10_make_moons.mg > my_moons.csv
#
# The recipe of scikit-learn's make_moons: the upper half of a unit circle
# and, shifted right and down, the lower half of another, each point moved
# by a little Gaussian noise. It prints a CSV file that read_csv reads
# back: a header, then x1, x2, label (-1 for the upper moon, 1 for the
# lower one), the coordinates rounded to 6 decimals. The noise comes from
# Python's generator (seed and gauss give what Python's random module
# gives), not NumPy's, so these points are not those of
# examples/data/moons.csv, but they make the same shape.

# One point of each moon at angle t (from 0 to pi), with its label.
# Parameters stay plain numbers, so the rows hold numbers, not Values.
fn upper(t, noise) { return [cos(t) + gauss(0, noise), sin(t) + gauss(0, noise), -1] }
fn lower(t, noise) { return [1 - cos(t) + gauss(0, noise), 0.5 - sin(t) + gauss(0, noise), 1] }

fn make_moons(n_upper, n_lower, noise) {
  let rows = []
  for i in range(n_upper) { rows.append(upper(pi * i / (n_upper - 1), noise)) }
  for i in range(n_lower) { rows.append(lower(pi * i / (n_lower - 1), noise)) }
  return rows
}

seed(1337)
print("x1,x2,y")
for row in make_moons(50, 50, 0.1) {
  print(round(row[0], 6), round(row[1], 6), row[2], sep=",")
}
