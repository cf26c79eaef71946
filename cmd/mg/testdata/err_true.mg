let a = True
