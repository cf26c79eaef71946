let done = False
