# openssl: digests, a cipher with a fixed key, base64 (its capability dispatch reads hwprobe)
printf 'hello, riscv\n' > "$WORK/msg"
$RUN /usr/bin/openssl dgst -sha256 -r "$WORK/msg" | cut -c1-64
$RUN /usr/bin/openssl dgst -sha512 -r "$WORK/msg" | cut -c1-64
$RUN /usr/bin/openssl enc -aes-256-cbc -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f -iv 0f0e0d0c0b0a09080706050403020100 -in "$WORK/msg" | od -An -tx1
$RUN /usr/bin/openssl enc -chacha20 -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f -iv 00000000000000000000000000000000 -in "$WORK/msg" | od -An -tx1
$RUN /usr/bin/openssl base64 -in "$WORK/msg"
