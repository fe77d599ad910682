print("no app here")
