# bulletin — plain make. `make`, `make check`, `make check-asan`, `make bench`,
# `make install PREFIX=...`, `make clean`.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/bulletin
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build

CC      ?= cc
PKG_CONFIG ?= pkg-config
PKGS     = sqlite3 ncursesw

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Wpedantic
CPPFLAGS += -D_GNU_SOURCE -Isrc -DBULLETIN_DATADIR='"$(DATADIR)"' \
            $(shell $(PKG_CONFIG) --cflags $(PKGS))
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS)) -lpthread

BIN      = $(BUILD)/bulletin
SRC      = $(wildcard src/*/*.c)
LIB_SRC  = $(filter-out src/cli/%,$(SRC))
CLI_SRC  = $(filter src/cli/%,$(SRC))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
HDR      = $(wildcard src/*/*.h)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

all: bulletin

bulletin: $(BIN)
	@if [ "$(BUILD)" = build ]; then ln -sf $(BIN) bulletin; fi

$(BIN): $(CLI_OBJ) $(BUILD)/libbulletin.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libbulletin.a $(LDLIBS)

$(BUILD)/libbulletin.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbulletin.a $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbulletin.a $(TEST_LIBS) $(LDLIBS)

# Every test: unit tests (cmocka), then the shell tests over the real
# program (pages, cli, tui). tests/run prints "N passed, N failed" last.
check: $(BIN) $(UNIT_BIN)
	BULLETIN=$(CURDIR)/$(BIN) BULLETIN_DATA_DIR=$(CURDIR)/data \
	    tests/run $(UNIT_BIN)

check-asan:
	$(MAKE) BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" check

bench: $(BIN)
	BULLETIN=$(CURDIR)/$(BIN) tests/bench/run

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/bulletin
	cp -R data/. $(DESTDIR)$(DATADIR)/
	install -m 644 man/bulletin.1 $(DESTDIR)$(MANDIR)/man1/bulletin.1

clean:
	rm -rf build build-asan bulletin

.PHONY: all bulletin check check-asan bench install clean
