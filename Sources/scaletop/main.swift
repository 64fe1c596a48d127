import ScaleTopCore
print("scaletop \(ScaleTopVersion.string)")
