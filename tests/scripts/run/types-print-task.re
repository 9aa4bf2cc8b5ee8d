\{ \.thread_info = \{ \.flags = [0-9]+, .*, \.__state = 0, .*, \.comm = qtrace, .* \}


