\{ \.__syscall_nr = 257, \.dfd = -100, \.filename = 0x[0-9a-f]+, \.flags = 524288, \.mode = 0 \}


