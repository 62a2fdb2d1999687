# asyncio: tasks, a socket pair, a thread-pool executor
$RUN /usr/bin/python3 -c '
import asyncio
async def worker(i):
    await asyncio.sleep(0.01 * (5 - i))
    return i * 10
async def main():
    print(await asyncio.gather(*(worker(i) for i in range(5))))
    r, w = await asyncio.open_connection(*await serve())
    w.write(b"ping\n"); await w.drain()
    print(await r.readline())
    w.close()
    print(await asyncio.get_running_loop().run_in_executor(None, sum, range(100)))
async def serve():
    async def echo(r, w):
        w.write((await r.readline()).upper()); await w.drain(); w.close()
    s = await asyncio.start_server(echo, "127.0.0.1", 0)
    return s.sockets[0].getsockname()[:2]
asyncio.run(main())
'
