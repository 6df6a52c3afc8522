# Shared by the shell tests: check helpers that print PASS:/FAIL: lines for
# tests/run, a scratch folder removed at exit, and the corpus the tests read
# (tests/corpus/, nothing outside the checkout).
#
#   . "$(dirname "$0")/../lib.sh"
#   check "name" test "$a" = "$b"
#   check_eq "name" "$expected" "$actual"
#   check_status "name" EXPECTED_STATUS command args...

: "${BULLETIN:?set BULLETIN to the program under test}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
TOP=$(cd "$TESTS_DIR/.." && pwd)
CORPUS="$TESTS_DIR/corpus/xin-wen-lian-bo-45-days.tar.xz"
STREETS="$TESTS_DIR/corpus/streets-44.csv"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export BULLETIN_DB="$SCRATCH/default.db"
export XDG_CONFIG_HOME="$SCRATCH/config"
export XDG_DATA_HOME="$SCRATCH/data"
export XDG_STATE_HOME="$SCRATCH/state"

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; shift; [ $# -gt 0 ] && printf '  %s\n' "$@"; return 0; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected: $2" "actual:   $3"
	fi
}

# check_status NAME STATUS COMMAND...: the command's exit status is STATUS.
check_status() {
	name=$1
	want=$2
	shift 2
	"$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit status $got, expected $want" "$(head -c 600 "$SCRATCH/err")"
	fi
}
