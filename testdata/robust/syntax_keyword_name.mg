let fn = 3
