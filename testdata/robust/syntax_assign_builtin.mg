print = 3
