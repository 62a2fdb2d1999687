# perl: regexes, sort, sprintf, hashes, pack
$RUN /usr/bin/perl -e '
my %h; $h{$_ % 7} += $_ for 1..1000;
print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";
my $s = "The quick brown fox jumps over the lazy dog";
(my $t = $s) =~ s/(\w+)/\u\L$1/g; print "$t\n";
printf("%.10f %e %x %s\n", atan2(1, 1) * 4, 1e300 * 3, 48879, scalar reverse "abc");
print unpack("H*", pack("NnC", 0xdeadbeef, 513, 7)), "\n";
print join(" ", sort { $b <=> $a } map { $_ * $_ % 97 } 1..15), "\n";
'
