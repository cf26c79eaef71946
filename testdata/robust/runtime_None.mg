let x = None
