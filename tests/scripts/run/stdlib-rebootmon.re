Watching reboot\(2\)\.\.\. Hit Ctrl-C to end\.
[0-9:]{8} reboot\(cmd=0xdeadbeef\) by pid [0-9]+ uid 65534 comm rb-caller: called
  [0-9]+ rb-caller <- [0-9]+ rb-parent <- [0-9]+ rb-grandpa <- [0-9]+ qtrace \.\.\.
[0-9:]{8} reboot\(cmd=0xdeadbeef\) by pid [0-9]+ uid 65534 comm rb-caller: EPERM
