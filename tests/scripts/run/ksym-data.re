^0xffffffff[0-9a-f]+\|vfs_read\|_etext\|0xffffffff[0-9a-f]+$


