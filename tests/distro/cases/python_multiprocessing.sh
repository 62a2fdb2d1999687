# multiprocessing with fork, spawn and forkserver (spawn re-executes the interpreter)
# expect-only: qemu-riscv64 runs no RISC-V program from a guest execve without binfmt_misc
cat > "$WORK/mp.py" <<'PY'
import multiprocessing as mp
def sq(x):
    return x * x
if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        with mp.get_context(method).Pool(2) as pool:
            print(method, pool.map(sq, range(6)))
    q = mp.get_context("fork").Queue()
    p = mp.get_context("fork").Process(target=q.put, args=("from child",))
    p.start(); print(q.get()); p.join(); print(p.exitcode)
PY
$RUN /usr/bin/python3 "$WORK/mp.py"
