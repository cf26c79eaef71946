# args: --max-memory 12X
print("never")
