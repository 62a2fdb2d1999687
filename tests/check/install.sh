# make install into a staging root: the installed rvx runs a program and loads an installed
# plugin through the installed rvx-dyn, and a program built with pkg-config's flags for the
# installed library embeds rvx. Prints PASS/FAIL lines for tests/run.
set -u
T=$OUT/install
rm -rf "$T"
mkdir -p "$T"
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
BUILD=$(dirname "$RVX")
ROOT=$T/root
if ! make -s BUILD="$BUILD" install DESTDIR="$ROOT" PREFIX=/usr/local >"$T/install.log" 2>&1; then
	echo "FAIL install: $(tail -3 "$T/install.log")"
	exit 0
fi
$CC -O2 -static -o "$T/loop" tests/plugin/loop.c && $CC -O2 -static -o "$T/crash" tests/embed/crash.c
want=$("$RVX" "$T/loop" 1000)
got=$("$ROOT/usr/local/bin/rvx" "$T/loop" 1000 2>&1)
counted=$("$ROOT/usr/local/bin/rvx" -d plugin -plugin "$ROOT/usr/local/lib/rvx/plugins/libinsn.so" "$T/loop" 1000 2>&1 >/dev/null | grep -c '^total insns: [1-9]')
[ "$got" = "$want" ] && [ "$counted" = 1 ] && echo "PASS install-commands" ||
	echo "FAIL install-commands: printed '$got' (want '$want'); the installed insn plugin counted: $counted"
pc="pkg-config --define-variable=prefix=$ROOT/usr/local"
export PKG_CONFIG_PATH=$ROOT/usr/local/lib/pkgconfig
if [ "$(pkg-config --modversion rvx 2>&1)" = "$(sed -n 's/^#define RVX_VERSION "\(.*\)"/\1/p' include/rvx.h)" ] &&
	cc -O2 -o "$T/minimal" tests/embed/minimal.c $($pc --cflags --libs rvx) 2>"$T/cc.log"; then
	out=$("$T/minimal" "$T/crash" 2>&1)
	case $out in
	*"the guest ended with 139; the embedder goes on"*) echo "PASS install-pkg-config" ;;
	*) echo "FAIL install-pkg-config: the embedder printed '$out'" ;;
	esac
else
	echo "FAIL install-pkg-config: $(pkg-config --modversion rvx 2>&1); $(head -3 "$T/cc.log" 2>/dev/null)"
fi
