# The write-watch table (src/mem/watch.c) on its own: tests/unit/watch_table.c.
make -s build/tests/watch_table >/dev/null || { echo "FAIL watch-table: cannot build the unit test"; exit 0; }
build/tests/watch_table
