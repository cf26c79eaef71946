# 08 · micrograd's demo: a neural network learns two moons.
#
#   go run ./cmd/mg run examples/08_moons.mg     (from the repository's root)
#
# 100 points in the plane, in two interleaved half-moons labelled -1 and 1
# (examples/data/moons.csv: the very points of micrograd's demo notebook,
# scikit-learn's make_moons(100, noise=0.1) under NumPy's seed 1337). An
# MLP with two hidden layers of 16 ReLU neurons learns to tell them apart.
# The loss is an SVM "max-margin" (hinge) loss plus L2 regularisation, the
# learning rate decays from 1.0 to 0.1, and after 100 steps every point is
# classified right. With the same seed as the notebook (1337) the network
# starts from the same weights and prints the notebook's losses, from
# step 0's 0.8958441028683222 to step 99's 0.010978370135492717. (In
# between, micrograd's last digit varies from run to run: it keeps a node's
# children in a Python set, so the order in which it adds gradients follows
# memory addresses. mg adds them in one fixed order.)

# Each row of the file is x1, x2, label; the header row is skipped.
let data = read_csv("examples/data/moons.csv")
let X = [[row[0], row[1]] for row in data]
let y = [row[2] for row in data]
print(len(X), "points,", len([yi for yi in y if yi > 0]), "labelled 1")

seed(1337)
let model = MLP(2, [16, 16, 1])   # 2-layer neural network
print("number of parameters", len(model.parameters()))

# The loss of the whole data set, and the fraction classified right.
fn loss() {
  let scores = [model(x) for x in X]
  # svm "max-margin" loss: a score on the right side by at least 1 costs 0
  let losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(y, scores)]
  let data_loss = sum(losses) * (1.0 / len(losses))
  # L2 regularization
  let alpha = 1e-4
  let reg_loss = alpha * sum([p*p for p in model.parameters()])
  let total_loss = data_loss + reg_loss
  # also get accuracy: the sign of the score is the prediction
  let right = [1 for yi, scorei in zip(y, scores) if (yi > 0) == (scorei.data > 0)]
  return [total_loss, len(right) / len(scores)]
}

fn learning_rate(k) { return 1.0 - 0.9*k/100 }

# Training rebuilds the graph at every step: loss() makes 65,481 new nodes
# from the current parameters, backward differentiates them, and the step's
# graph is freed once the next one replaces it.
let losses = []
let result = []
for k in range(100) {
  # forward
  result = loss()
  let total_loss = result[0]

  # backward
  model.zero_grad()
  total_loss.backward()

  # update (sgd)
  for p in model.parameters() { p.data -= learning_rate(k) * p.grad }

  losses.append(total_loss.data)
  if k % 10 == 0 or k == 99 {
    print("step ", k, " loss ", total_loss.data, ", accuracy ", result[1]*100, "%", sep="")
  }
}
print("final accuracy:", result[1]*100, "%")

# The graph is the same at every step; only the parameters' data change.
# So a loop can also build it once and replay it, which gives the same
# losses to the bit in about half the time (docs/performance.md):
#
#   let total_loss = loss()[0]             # built once
#   for k in range(100) {
#     if k > 0 { forward(total_loss) }     # every node recomputed from the new data
#     model.zero_grad()
#     total_loss.backward()                # inner nodes start afresh, leaves add up
#     for p in model.parameters() { p.data -= learning_rate(k) * p.grad }
#   }
#
# backward gives every inner node the root's gradient afresh, so a replayed
# graph gets what a rebuilt one would; forward and backward reuse the order
# of the first sweep, as the graph cannot change.
plot(losses, title="moons: loss at each step")
