print("scaletop-bench")
