# rvx build. `make` builds build/rvx; `make test` runs the whole suite (tests/run).
CC ?= cc
BUILD ?= build
CFLAGS ?= -O2 -g
# Static: a dynamic rvx spends about 1 ms of every guest's start-up loading libc and libm.
LDFLAGS ?= -static-pie
WARN := -Wall -Wextra -Werror -Wno-unused-parameter
BASEFLAGS := -std=gnu11 -D_GNU_SOURCE -fno-strict-aliasing -pthread $(WARN)
# FP semantics must see every operation in place between rounding-mode and flag accesses.
FPFLAGS := -frounding-math -fsignaling-nans -fno-fast-math

# The MPI transport goes into rvx-mpi only: rvx itself stays static and free of MPI.
MPI_SRC := src/cluster/transport_mpi.c
LIB_SRC := $(filter-out $(MPI_SRC),$(wildcard src/*.c src/*/*.c src/*/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
DEPS := $(LIB_OBJ:.o=.d) $(BUILD)/tools/rvx.d $(BUILD)/tools/rvx-mpi.d $(BUILD)/tools/rvx-dyn.d \
	$(BUILD)/src/cluster/transport_mpi.d

# Open MPI's compiler wrapper says how to build against it; without it there is no rvx-mpi.
MPI_CFLAGS := $(shell mpicc --showme:compile 2>/dev/null)
MPI_LIBS := $(shell mpicc --showme:link 2>/dev/null)
HAVE_MPI := $(if $(MPI_LIBS),yes,)

# Capstone disassembles translated code for -d out_asm, in rvx-dyn and rvx-mpi (rvx_use_capstone
# loads it then: its header is needed to build, its library only to disassemble).

PLUGINS := $(patsubst plugins/%.c,$(BUILD)/plugins/lib%.so,$(wildcard plugins/*.c))

all: $(BUILD)/rvx $(BUILD)/rvx-dyn $(PLUGINS) $(if $(HAVE_MPI),$(BUILD)/rvx-mpi)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(BASEFLAGS) $(CFLAGS) $(if $(findstring riscv/fp.c,$<),$(FPFLAGS)) -MMD -MP -c $< -o $@

$(BUILD)/librvx.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/rvx: $(BUILD)/tools/rvx.o $(BUILD)/librvx.a
	$(CC) $(BASEFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

# Cluster mode (rvx --cluster under mpirun hands over to it): dynamic, with the MPI transport.
$(BUILD)/tools/rvx-mpi.o: tools/rvx.c
	@mkdir -p $(dir $@)
	@echo "  CC $< (MPI)"
	@$(CC) $(BASEFLAGS) $(CFLAGS) -DRVX_MPI -MMD -MP -c $< -o $@

$(BUILD)/src/cluster/transport_mpi.o: src/cluster/transport_mpi.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(BASEFLAGS) $(CFLAGS) $(MPI_CFLAGS) -MMD -MP -c $< -o $@

# rvx-mpi exports the plugin API as rvx-dyn does: the ranks load plugins themselves.
$(BUILD)/rvx-mpi: $(BUILD)/tools/rvx-mpi.o $(BUILD)/src/cluster/transport_mpi.o $(BUILD)/librvx.a
	$(CC) $(BASEFLAGS) $(CFLAGS) -rdynamic -o $@ $(BUILD)/tools/rvx-mpi.o $(BUILD)/src/cluster/transport_mpi.o \
		-Wl,--whole-archive $(BUILD)/librvx.a -Wl,--no-whole-archive $(MPI_LIBS) -ldl -lm

# With -plugin, rvx hands over to rvx-dyn: dynamically linked, exporting the plugin API to the
# plugins it loads.
$(BUILD)/tools/rvx-dyn.o: tools/rvx.c
	@mkdir -p $(dir $@)
	@echo "  CC $< (plugins)"
	@$(CC) $(BASEFLAGS) $(CFLAGS) -DRVX_DYN -MMD -MP -c $< -o $@

$(BUILD)/rvx-dyn: $(BUILD)/tools/rvx-dyn.o $(BUILD)/librvx.a
	$(CC) $(BASEFLAGS) $(CFLAGS) -rdynamic -o $@ $(BUILD)/tools/rvx-dyn.o -Wl,--whole-archive $(BUILD)/librvx.a -Wl,--no-whole-archive -ldl -lm

# The in-tree plugins (plugins/NAME.c -> lib NAME.so), built against the public header only.
$(BUILD)/plugins/lib%.so: plugins/%.c plugins/model.h include/rvx-plugin.h
	@mkdir -p $(dir $@)
	@echo "  CC $< (plugin)"
	@$(CC) $(BASEFLAGS) $(CFLAGS) -fPIC -shared -Iinclude -o $@ $<

# Unit tests link against the library directly (the encoder's, also against Capstone).
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/librvx.a
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(CFLAGS) -Isrc -o $@ $^ $(if $(findstring vex_encode,$@),-lcapstone) -lm

# The suite, then the guest programs, command-line checks and distribution programs again under an
# ASan+UBSan build.
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
test: all
	tests/run
	$(MAKE) -s BUILD=build-san CFLAGS="$(SANFLAGS)" LDFLAGS= build-san/rvx build-san/rvx-dyn \
		$(PLUGINS:$(BUILD)/%=build-san/%)
	RVX=$(CURDIR)/build-san/rvx CFLAGS="$(SANFLAGS)" CHECKS="cli distro plugins pluginmap perfmap embed gdb" tests/run

# make install [PREFIX=/usr/local] [DESTDIR=...]: the commands, the library with its headers and
# pkg-config file (pkg-config --cflags --libs rvx), and the in-tree plugins.
PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/^\#define RVX_VERSION "\(.*\)"/\1/p' include/rvx.h)
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/lib/rvx/plugins
	install -m 755 $(BUILD)/rvx $(BUILD)/rvx-dyn $(wildcard $(BUILD)/rvx-mpi) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(BUILD)/librvx.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/rvx.h include/rvx-plugin.h include/rvx-guest.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(PLUGINS) $(DESTDIR)$(PREFIX)/lib/rvx/plugins/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' rvx.pc.in >$(DESTDIR)$(PREFIX)/lib/pkgconfig/rvx.pc

clean:
	rm -rf $(BUILD)

format:
	clang-format -i $(LIB_SRC) tools/*.c include/*.h src/*.h src/*/*.h tests/unit/*.c plugins/*.c tests/plugin/*.c

.PHONY: all test clean format install
-include $(DEPS)

# Setup: Debian packages for building and testing (see scripts/install-deps).
deps:
	scripts/install-deps

# The bundled example, built for RISC-V 64 and run under rvx.
$(BUILD)/examples/hello: examples/hello.c
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-gcc -O2 -o $@ $<

example: all $(BUILD)/examples/hello
	$(BUILD)/rvx $(BUILD)/examples/hello from rvx

# Python's own regression tests under rvx and qemu-riscv64 (long: tens of minutes).
test-python: all
	tests/distro/python-regrtest

# Longer fuzz run than the suite's.
fuzz:
	OUT=$(CURDIR)/tests/out FUZZ_SECONDS=600 bash tests/check/fuzz.sh

.PHONY: deps example fuzz test-python
