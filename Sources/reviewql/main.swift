print("reviewql")
