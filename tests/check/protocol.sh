# The cluster's page protocol on its own, without MPI: tests/unit/cluster_protocol.c.
make -s build/tests/cluster_protocol >/dev/null || { echo "FAIL cluster-protocol: cannot build the unit test"; exit 0; }
build/tests/cluster_protocol
