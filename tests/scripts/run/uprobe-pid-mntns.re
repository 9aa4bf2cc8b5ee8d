uprobe:/proc/[0-9]+/root/tmp/qtrace-upx-ns/libqtupx.so:lib_work


