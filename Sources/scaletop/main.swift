import ScaleTopCore
print("scaletop")
