# the compressors, single- and multi-threaded (xz -T0, zstd -T2 create threads)
$RUN /usr/bin/perl -e 'srand(7); print join(" ", map { int(rand(1000)) } 1..200000), "\n"' > "$WORK/data"
sha256sum < "$WORK/data" | cut -c1-16
for c in "gzip -9" "bzip2" "xz -T0" "xz -T2 -6" "zstd -q -T2 -5"; do
	$RUN /usr/bin/$c -c < "$WORK/data" > "$WORK/data.z"
	set -- $c
	$RUN /usr/bin/$1 -d -c < "$WORK/data.z" | sha256sum | cut -c1-16
done
$RUN /usr/bin/xz -T2 -c < "$WORK/data" | $RUN /usr/bin/xz -d | sha256sum | cut -c1-16
