print(log(0))
