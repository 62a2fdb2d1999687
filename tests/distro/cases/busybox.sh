$RUN /usr/bin/busybox sh -c 'i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo -n "$i "; done; echo'
$RUN /usr/bin/busybox awk 'BEGIN { for (i = 1; i <= 5; i++) s += i * i; printf "%d %.3f\n", s, sqrt(s) }'
$RUN /usr/bin/busybox seq 1 10 | $RUN /usr/bin/busybox sed -n 's/^\(.\)$/<\1>/p' | $RUN /usr/bin/busybox tr -d '\n'; echo
$RUN /usr/bin/busybox md5sum /dev/null
