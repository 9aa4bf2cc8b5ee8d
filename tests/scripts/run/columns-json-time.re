\{"time_": 1[0-9]{18}, "file": "/bin/true"\}
