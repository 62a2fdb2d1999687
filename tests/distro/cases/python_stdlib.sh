# python's C modules: hashlib (OpenSSL), zlib, bz2, lzma, sqlite3, decimal, struct, json, re
$RUN /usr/bin/python3 -c '
import hashlib, zlib, bz2, lzma, sqlite3, decimal, struct, json, re, math, fractions
data = bytes(range(256)) * 400
print(hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), hashlib.sha3_256(data).hexdigest())
print(zlib.crc32(data), len(zlib.compress(data, 9)), zlib.decompress(zlib.compress(data)) == data)
print(bz2.decompress(bz2.compress(data)) == data, lzma.decompress(lzma.compress(data)) == data)
db = sqlite3.connect(":memory:")
db.execute("create table t(a integer, b text)")
db.executemany("insert into t values (?, ?)", [(i, str(i * i)) for i in range(1000)])
print(db.execute("select count(*), sum(a), max(length(b)) from t where a % 3 = 0").fetchone())
decimal.getcontext().prec = 50
print(decimal.Decimal(2).sqrt(), fractions.Fraction(355, 113) ** 3)
print(struct.pack("<qdf", -5, math.pi, math.e).hex(), json.dumps({"a": [1, 2.5, None]}, sort_keys=True))
print(re.findall(r"(\w+)@(\w+)\.com", "x a@b.com y c@d.com"), math.lgamma(10.5), math.fsum([0.1] * 10))
'
