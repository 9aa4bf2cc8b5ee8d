cli-map-full.qt:5:51: warning: [0-9]+ updates of map '@' failed \(the map is full: raise QTRACE_MAP_KEYS_MAX, now 10\)
