print(2 ** 62 * 4)
