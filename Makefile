# bulletin — plain make. `make`, `make check`, `make check-asan`, `make bench`,
# `make install PREFIX=...`, `make uninstall PREFIX=...`, `make clean`.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/bulletin
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build

CC      ?= cc
PKG_CONFIG ?= pkg-config
PKGS     = sqlite3 ncursesw

CFLAGS  ?= -O2 -g
# always there, even when CFLAGS is given on the command line (check-asan)
ALL_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic $(CFLAGS)
CPPFLAGS += -D_GNU_SOURCE -Isrc -DBULLETIN_DATADIR='"$(DATADIR)"' \
            $(shell $(PKG_CONFIG) --cflags $(PKGS)) $(EXTRA_CPPFLAGS)
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS)) -lpthread -lm

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
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libbulletin.a $(LDLIBS)

$(BUILD)/libbulletin.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbulletin.a $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbulletin.a $(TEST_LIBS) $(LDLIBS)

# the queue of the import's and the reread's reading thread (src/cli)
$(BUILD)/tests/test_feed: tests/unit/test_feed.c $(BUILD)/cli/feed.o \
		$(BUILD)/libbulletin.a $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/cli/feed.o \
	    $(BUILD)/libbulletin.a $(TEST_LIBS) $(LDLIBS)

# Every test: unit tests (cmocka), then the shell tests over the real
# program (pages, cli, tui). tests/run prints "N passed, N failed" last.
check: $(BIN) $(UNIT_BIN)
	BULLETIN=$(CURDIR)/$(BIN) BULLETIN_DATA_DIR=$(CURDIR)/data \
	    tests/run $(UNIT_BIN)

check-asan:
	$(MAKE) BUILD=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" check

# The benchmark also builds the same program without the Traditional to
# Simplified fold (src/text/fold.c, BULLETIN_BENCH_NO_FOLD), never installed,
# to say what the fold costs the import and the search.
NOFOLD_BIN = $(BUILD)/nofold/bulletin

$(NOFOLD_BIN): $(SRC) $(HDR)
	$(MAKE) BUILD=$(BUILD)/nofold \
	    EXTRA_CPPFLAGS=-DBULLETIN_BENCH_NO_FOLD $(NOFOLD_BIN)

# ... and times the fold alone, per character, on the same pages.
FOLD_BENCH = $(BUILD)/fold-bench

$(FOLD_BENCH): tests/bench/fold-bench.c $(BUILD)/libbulletin.a $(HDR)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(BUILD)/libbulletin.a $(LDLIBS)

bench: $(BIN) $(NOFOLD_BIN) $(FOLD_BENCH)
	BULLETIN=$(CURDIR)/$(BIN) BULLETIN_NOFOLD=$(CURDIR)/$(NOFOLD_BIN) \
	    BENCH_FOLD=$(CURDIR)/$(FOLD_BENCH) tests/bench/run

# Fuzzing what reads untrusted input (a developer's tool, needs clang and
# its libFuzzer: apt-get install clang libclang-rt-14-dev; not part of
# `make check`). `make fuzz` builds build/fuzz/fuzz_page (the page reader),
# fuzz_query (the search query compiler), fuzz_cjk (the CJK tokenizer and
# the query side agreeing) and fuzz_encoding (encoding detection);
# `make fuzz-run` runs fuzz_page on one core for FUZZ_TIME seconds over
# build/fuzz/corpus, seeded with the golden and sample pages; crashes land
# in build/fuzz/artifacts/. `make fuzz-check` replays the page reader's
# regressions, then runs the three others FUZZ_CHECK_TIME seconds each from
# their seeds (tests/fuzz/seeds/).
FUZZ_BUILD = build/fuzz
FUZZ_TIME ?= 600
FUZZ_CHECK_TIME ?= 20
FUZZ_TARGETS = page query cjk encoding
COV_FLAGS = -fprofile-instr-generate -fcoverage-mapping
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
              -fsanitize=fuzzer-no-link,address,undefined

fuzz:
	CFLAGS="$(FUZZ_CFLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	    $(MAKE) BUILD=$(FUZZ_BUILD) CC=clang $(FUZZ_BUILD)/libbulletin.a
	for t in $(FUZZ_TARGETS); do \
	    clang $(CPPFLAGS) -std=c11 -Wall -Wextra -Wpedantic \
	        $(subst fuzzer-no-link,fuzzer,$(FUZZ_CFLAGS)) \
	        -o $(FUZZ_BUILD)/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	        $(FUZZ_BUILD)/libbulletin.a $(LDLIBS) || exit 1; \
	done

fuzz-run: fuzz
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/artifacts
	cp tests/pages/*.txt data/samples/*.txt $(FUZZ_BUILD)/corpus/
	BULLETIN_DATA_DIR=$(CURDIR)/data $(FUZZ_BUILD)/fuzz_page \
	    -max_total_time=$(FUZZ_TIME) -max_len=16384 \
	    -timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/page.dict \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/ -print_final_stats=1 \
	    $(FUZZ_BUILD)/corpus

# Replays the inputs that once broke the reader (tests/fuzz/regressions/),
# then fuzzes the query compiler, the tokenizer and the encodings for a
# bounded time each; any crash, leak, UB or disagreement fails.
fuzz-check: fuzz
	BULLETIN_DATA_DIR=$(CURDIR)/data $(FUZZ_BUILD)/fuzz_page -runs=0 \
	    tests/fuzz/regressions/*
	for t in query cjk encoding; do \
	    rm -rf $(FUZZ_BUILD)/check-$$t && \
	    mkdir -p $(FUZZ_BUILD)/check-$$t $(FUZZ_BUILD)/artifacts && \
	    cp tests/fuzz/seeds/$$t/* $(FUZZ_BUILD)/check-$$t/ && \
	    $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_CHECK_TIME) \
	        -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	        -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- \
	        -print_final_stats=1 $(FUZZ_BUILD)/check-$$t || exit 1; \
	done

# Line coverage of src/page and src/text by the fuzzing corpus (llvm-cov).
fuzz-cov:
	CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(COV_FLAGS)" \
	    $(MAKE) BUILD=$(FUZZ_BUILD)-cov CC=clang $(FUZZ_BUILD)-cov/libbulletin.a
	clang $(CPPFLAGS) -std=c11 -O1 -g -fsanitize=fuzzer $(COV_FLAGS) \
	    -o $(FUZZ_BUILD)-cov/fuzz_page tests/fuzz/fuzz_page.c \
	    $(FUZZ_BUILD)-cov/libbulletin.a $(LDLIBS)
	LLVM_PROFILE_FILE=$(FUZZ_BUILD)-cov/page.profraw \
	    BULLETIN_DATA_DIR=$(CURDIR)/data $(FUZZ_BUILD)-cov/fuzz_page \
	    -runs=0 $(FUZZ_BUILD)/corpus
	llvm-profdata merge -o $(FUZZ_BUILD)-cov/page.profdata \
	    $(FUZZ_BUILD)-cov/page.profraw
	llvm-cov report $(FUZZ_BUILD)-cov/fuzz_page \
	    -instr-profile=$(FUZZ_BUILD)-cov/page.profdata src/page src/text

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/bulletin
	cp -R data/. $(DESTDIR)$(DATADIR)/
	install -m 644 man/bulletin.1 $(DESTDIR)$(MANDIR)/man1/bulletin.1

# Removes what `make install` put in place (the same PREFIX and DESTDIR):
# the program, the man page, and data/'s files and folders under DATADIR,
# nothing else there.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bulletin $(DESTDIR)$(MANDIR)/man1/bulletin.1
	(cd data && find . -type f) | while IFS= read -r f; do \
	    rm -f "$(DESTDIR)$(DATADIR)$${f#.}"; done
	(cd data && find . -depth -type d) | while IFS= read -r d; do \
	    rmdir "$(DESTDIR)$(DATADIR)$${d#.}" 2>/dev/null || true; done

clean:
	rm -rf build build-asan bulletin

.PHONY: all bulletin check check-asan bench fuzz fuzz-run fuzz-check fuzz-cov \
	install uninstall clean
