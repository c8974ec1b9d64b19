print("kranj-heat")
