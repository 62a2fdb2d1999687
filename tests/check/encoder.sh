# The translator's VEX (AVX2) and EVEX (AVX-512VL) encodings decoded by Capstone
# (tests/unit/vex_encode.c); the forms Capstone 4 cannot decode (or decodes with a stray space),
# assembled by GNU as: the same bytes, or bytes objdump decodes as the same one instruction.
make -s build/tests/vex_encode >/dev/null || { echo "FAIL vex-encode: cannot build the unit test"; exit 0; }
build/tests/vex_encode
tmp=$(mktemp -d)
bad=0
n=0
while IFS="$(printf '\t')" read -r text bytes; do
	n=$((n + 1))
	printf '%s\n' "$text" > "$tmp/a.s"
	if ! as -o "$tmp/a.o" "$tmp/a.s" 2> "$tmp/err"; then
		echo "FAIL vex-encode-lanes: GNU as refuses $text: $(cat "$tmp/err")"
		bad=1
		continue
	fi
	want=$(objdump -d --insn-width=16 "$tmp/a.o" | sed -n 's/^ *0:\t\([0-9a-f ]*\)\t.*/\1/p' | sed 's/ *$//')
	if [ "$want" != "$bytes" ]; then # another encoding (as prefers the 2-byte VEX) must decode alike
		printf "$(printf '\\x%s' $bytes)" > "$tmp/ours.bin"
		theirs=$(objdump -d --insn-width=16 "$tmp/a.o" | sed -n 's/^ *0:\t[0-9a-f ]*\t//p')
		ours=$(objdump -D --insn-width=16 -b binary -mi386:x86-64 "$tmp/ours.bin" | sed -n 's/^ *0:\t[0-9a-f ]*\t//p')
		if [ -z "$ours" ] || [ "$ours" != "$theirs" ] || [ "$(objdump -D --insn-width=16 -b binary -mi386:x86-64 "$tmp/ours.bin" | grep -c '^ *[0-9a-f]*:')" != 1 ]; then
			echo "FAIL vex-encode-lanes: $text is $want, encoded as $bytes ($ours)"
			bad=1
		fi
	fi
done <<END
$(build/tests/vex_encode --lanes)
END
rm -rf "$tmp"
[ $bad = 0 ] && echo "PASS vex-encode-lanes: $n forms Capstone cannot check match GNU as (bytes or decoding)"
exit 0
