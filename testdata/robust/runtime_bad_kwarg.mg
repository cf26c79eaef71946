let a = Value(1.0, lable="a")
