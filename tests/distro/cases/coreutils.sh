# coreutils pipelines, sort with threads
# engines: jit interp
$RUN /usr/bin/seq 1 50000 | $RUN /usr/bin/sort -r --parallel=2 -S 1M | $RUN /usr/bin/head -3
$RUN /usr/bin/seq 1 20000 | $RUN /usr/bin/shuf --random-source=/dev/zero | $RUN /usr/bin/sort -n --parallel=4 | $RUN /usr/bin/sha256sum
$RUN /usr/bin/printf '%s\n' b a c a | $RUN /usr/bin/sort | $RUN /usr/bin/uniq -c
$RUN /usr/bin/echo "hello world" | $RUN /usr/bin/tr a-z A-Z | $RUN /usr/bin/rev | $RUN /usr/bin/base64
$RUN /usr/bin/factor 1234567890123 600851475143
$RUN /usr/bin/expr 6 \* 7
$RUN /usr/bin/basename /usr/lib/x.so .so
