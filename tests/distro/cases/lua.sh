$RUN /usr/bin/lua5.4 -e '
local t = {} for i = 1, 100 do t[i] = (i * 7919) % 101 end
table.sort(t) print(t[1], t[50], t[100], #t)
print(string.format("%.12g %d %s", math.pi, 7 // 2, ("x"):rep(3)))
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
print(co(), co(), co(), utf8.char(0x263A), string.pack(">I4", 258):byte(1, -1))
'
