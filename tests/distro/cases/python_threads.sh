# python threading, queue and a thread pool (glibc 2.41 creates threads with clone3)
# engines: jit interp
$RUN /usr/bin/python3 -c '
import threading, queue, concurrent.futures as cf
q = queue.Queue()
ts = [threading.Thread(target=lambda i=i: q.put(i * i)) for i in range(16)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sorted(q.get() for _ in range(16)))
lock, total = threading.Lock(), [0]
def add(n):
    for _ in range(n):
        with lock:
            total[0] += 1
with cf.ThreadPoolExecutor(4) as ex:
    list(ex.map(add, [2000] * 8))
print(total[0], threading.active_count())
'
