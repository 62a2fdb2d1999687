#!/usr/bin/env python3
"""A minimal gdb remote-protocol client for what gdb-multiarch 13 cannot drive on RISC-V
(`catch syscall` needs gdb 15) and for the stub's answers to malformed packets.

usage: rsp.py SOCKET_PATH SCENARIO; prints PASS/FAIL lines."""
import socket
import sys
import time


def connect(path):
    for _ in range(100):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            time.sleep(0.1)
    raise SystemExit("FAIL rsp-connect: no stub at " + path)


class Remote:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""

    def _byte(self):
        while not self.buf:
            data = self.s.recv(4096)
            if not data:
                raise EOFError
            self.buf += data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, payload, raw=False):
        data = payload.encode()
        if raw:
            self.s.sendall(data)
            return
        self.s.sendall(b"$" + data + b"#%02x" % (sum(data) & 255))
        assert self._byte() == b"+", "no ack"

    def recv(self):
        while self._byte() != b"$":
            pass
        out = b""
        while True:
            c = self._byte()
            if c == b"#":
                break
            out += c
        check = self._byte() + self._byte()
        assert int(check, 16) == sum(out) & 255, "bad checksum from the stub"
        self.s.sendall(b"+")
        return out.decode(errors="replace")

    def ask(self, payload):
        self.send(payload)
        return self.recv()


def check(name, got, want_prefix):
    if got.startswith(want_prefix):
        print("PASS " + name)
    else:
        print("FAIL %s: got '%s', wanted '%s...'" % (name, got, want_prefix))


def main():
    path, scenario = sys.argv[1], sys.argv[2]
    r = Remote(connect(path))
    r.ask("qSupported:swbreak+")
    if scenario == "syscall":
        # write is 64 (0x40), exit_group 94 (0x5e) on RISC-V
        check("gdb-rsp-catch-set", r.ask("QCatchSyscalls:1;40;5e"), "OK")
        check("gdb-rsp-syscall-entry", r.ask("vCont;c"), "T05syscall_entry:40;")
        check("gdb-rsp-syscall-return", r.ask("vCont;c"), "T05syscall_return:40;")
        a0 = r.ask("pa")
        check("gdb-rsp-syscall-result", a0, "0600000000000000")  # 6 bytes written
        check("gdb-rsp-exit-entry", r.ask("vCont;c"), "T05syscall_entry:5e;")
        check("gdb-rsp-exit-status", r.ask("vCont;c"), "W03")
    elif scenario == "malformed":
        check("gdb-rsp-bad-reg", r.ask("pzz"), "E")
        check("gdb-rsp-reg-out-of-range", r.ask("p1000"), "E")
        check("gdb-rsp-unmapped-read", r.ask("m0,8"), "E")
        check("gdb-rsp-bad-vcont", r.ask("vCont;q"), "E")
        check("gdb-rsp-unknown-packet", r.ask("qNoSuchThing"), "")
        check("gdb-rsp-dead-thread", r.ask("T7fffffff"), "E")
        # a packet with a wrong checksum is refused with '-', and the stub goes on
        r.send("$g#00", raw=True)
        nak = r._byte()
        check("gdb-rsp-bad-checksum", nak.decode(), "-")
        check("gdb-rsp-after-bad", r.ask("?"), "T05")
        r.send("k")
    r.s.close()


if __name__ == "__main__":
    main()
