let x = 1
continue
