# The static rvx's own plugin loader on its own: tests/unit/plugin_map.c (the API's exports, a
# plugin mapped, damaged and truncated copies of it refused or mapped without a crash), on the
# insn plugin as make builds it (GNU hash table) and with the older DT_HASH table. Built like
# $RVX: in the sanitizer tier, under ASan and UBSan.
B=$(dirname "$RVX")
B=${B#"$PWD/"}
make -s BUILD="$B" ${CFLAGS:+CFLAGS="$CFLAGS"} "$B/tests/plugin_map" >/dev/null &&
	gcc -O2 -fPIC -shared -Iinclude -o "$OUT/insn-gnu.so" plugins/insn.c &&
	gcc -O2 -fPIC -shared -Iinclude -Wl,--hash-style=sysv -o "$OUT/insn-sysv.so" plugins/insn.c ||
	{ echo "FAIL plugin-map: cannot build the unit test"; exit 0; }
for name in insn-gnu insn-sysv; do
	timeout 300 "$B/tests/plugin_map" include/rvx-plugin.h "$OUT/$name.so" 8000 >"$OUT/$name.map.log" 2>&1
	st=$?
	sed -n "s/^\(PASS\|FAIL\) plugin-map-/&$name-/p" "$OUT/$name.map.log"
	[ $st = 0 ] || echo "FAIL plugin-map-$name: exited with status $st: $(tail -2 "$OUT/$name.map.log" | tr '\n' '|')"
done
