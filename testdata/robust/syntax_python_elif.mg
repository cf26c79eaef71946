let x = 1
if x > 0 { print(1) } elif x < 0 { print(2) }
