cli-map-full.qt:3:51: warning: [0-9]+ updates of map '@' failed \(the map is full: raise QTRACE_MAP_KEYS_MAX, now 10\)
