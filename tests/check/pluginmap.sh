# The static rvx's own plugin loader on its own: tests/unit/plugin_map.c (the API's exports, a
# plugin mapped, damaged and truncated copies of it refused or mapped without a crash), on the
# insn plugin as make builds it (GNU hash table) and with the older DT_HASH table.
make -s build/tests/plugin_map build/plugins/libinsn.so >/dev/null &&
	gcc -O2 -fPIC -shared -Iinclude -Wl,--hash-style=sysv -o build/tests/insn-sysv.so plugins/insn.c ||
	{ echo "FAIL plugin-map: cannot build the unit test"; exit 0; }
for so in build/plugins/libinsn.so build/tests/insn-sysv.so; do
	timeout 300 build/tests/plugin_map include/rvx-plugin.h $so 8000 | sed "s/^\(PASS\|FAIL\) plugin-map-/&$(basename $so .so)-/" ||
		echo "FAIL plugin-map-$(basename $so .so): exited with status $?"
done
