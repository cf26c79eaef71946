let done = True
