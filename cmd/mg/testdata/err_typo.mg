let learn_rate = 0.1
print(lern_rate)
