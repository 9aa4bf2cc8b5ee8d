qtrace: as the kernel (allows \(no writes to read-only data\)|refuses, with the note)
