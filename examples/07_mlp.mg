# 07 · Neuron, Layer, MLP, and the lecture's training loop.
#
#   go run ./cmd/mg run examples/07_mlp.mg
#
# Neuron, Layer and MLP are built in, and are exactly micrograd's classes:
# weights drawn from uniform(-1, 1) in order, a bias starting at 0, ReLU on
# every layer but the last. With the same seed, mg draws the same random
# numbers as Python, so the same network starts from the same weights and
# trains to the same numbers, digit for digit.

seed(1)

# A neuron with 3 inputs: 3 weights and a bias. Calling it on a list of
# inputs gives relu(b + w0*x0 + w1*x1 + w2*x2), one Value.
let x = [2.0, 3.0, -1.0]
let neuron = Neuron(3)
print(neuron, neuron.w, neuron.b)
print(neuron(x))

# A layer is a list of neurons that see the same inputs; an MLP is a list
# of layers, each feeding the next. MLP(3, [4, 4, 1]): 3 inputs, two
# hidden layers of 4 neurons, one output.
let layer = Layer(3, 4)
print(layer)
print(len(layer(x)), "outputs")

seed(1)
let model = MLP(3, [4, 4, 1])
print(model)
print(len(model.parameters()), "parameters")   # (3+1)*4 + (4+1)*4 + (4+1)*1 = 41
print(model(x))

# A tiny data set: four inputs and the output we want for each.
let xs = [
  [2.0, 3.0, -1.0],
  [3.0, -1.0, 0.5],
  [0.5, 1.0, 1.0],
  [1.0, 1.0, -1.0],
]
let ys = [1.0, 0.0, 0.0, 1.0]

# Training: forward pass, loss, zero the gradients, backward pass, update.
let losses = []
let ypred = []
let loss = 0
for k in range(100) {
  # forward pass
  ypred = [model(x) for x in xs]
  loss = sum([(yout - ygt)**2 for ygt, yout in zip(ys, ypred)])
  losses.append(loss.data)

  # backward pass
  model.zero_grad()
  loss.backward()

  # update
  for p in model.parameters() {
    p.data += -0.01 * p.grad
  }

  if k % 10 == 0 { print(k, loss.data) }
}
print("Final Loss: ", loss.data)
for y in ypred { print(y.data) }
plot(losses, title="loss")
