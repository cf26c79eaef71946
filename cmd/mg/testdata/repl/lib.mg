# A script for the :load transcript.
let w = 3.0
fn double(x) {
    return 2 * x
}
fn bad(x) {
    return x / 0
}
let y = double(w)
y
