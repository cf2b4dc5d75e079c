print("hnhub-bench: placeholder")
