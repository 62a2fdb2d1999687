$RUN /usr/bin/gawk 'BEGIN { for (i = 1; i <= 10; i++) a[i % 3] += i; n = asort(a); for (i = 1; i <= n; i++) printf "%d ", a[i]; printf "%s %.6f\n", toupper("ok"), atan2(0, -1) }'
