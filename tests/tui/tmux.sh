# Shared by the reader's tests (tests/tui/*-test): a private tmux server of
# fixed size that runs the real program, and helpers that poll the screen
# for what is expected instead of sleeping.
#
#   . "$(dirname "$0")/tmux.sh"
#   tui_db                      # $DB: the sample page (and tests/pages) imported
#   tui_start ARGS...           # runs "$BULLETIN --db $DB ARGS" in a 100x30 pane
#   tui_wait TEXT [SECONDS]     # waits until TEXT is on the screen
#   tui_screen [-e]             # the screen (with attributes: -e)
#   tui_keys KEYS...            # tmux send-keys
#   tui_wait_exit [SECONDS]     # waits for the program to end; $TUI_STATUS
. "$(dirname "$0")/../lib.sh"

TUI_SOCKET="bulletin-test-$$"
TUI_PANE="t:0.0"
SAMPLE="$TOP/data/samples/000_158881c878a543ee.txt"
trap 'tmux -L "$TUI_SOCKET" kill-server >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT

tm() { tmux -L "$TUI_SOCKET" -f /dev/null "$@"; }

# tui_db [PAGES...]: imports the sample page (and the given pages) into $DB.
tui_db() {
	DB="$SCRATCH/tui.db"
	if ! "$BULLETIN" --db "$DB" import "$SAMPLE" "$@" >"$SCRATCH/import.out" 2>&1; then
		fail "import for the reader tests" "$(head -c 600 "$SCRATCH/import.out")"
		exit 1
	fi
}

# tui_start ARGS...: a fresh server and a 100x30 pane running the program
# (its standard input from $TUI_STDIN when set).
# A small shell around it shows "[exit N]" when it ends and waits for
# tui_wait_exit to look at the terminal's state (a dead pane no longer
# says whether its cursor is visible); then the pane ends with the
# program's status, kept by remain-on-exit.
tui_start() {
	tm kill-server >/dev/null 2>&1
	rm -f "$SCRATCH/seen"
	cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC"
	[ -n "${NO_COLOR+x}" ] && cmd="$cmd NO_COLOR=$NO_COLOR"
	cmd="$cmd $(printf "'%s' " "$BULLETIN" --db "$DB" "$@")"
	[ -n "${TUI_STDIN:-}" ] && cmd="$cmd <'$TUI_STDIN'"
	cmd="$cmd; s=\$?; printf '\\n[exit %s]\\n' \$s;"
	cmd="$cmd while [ ! -e '$SCRATCH/seen' ]; do sleep 0.05; done; exit \$s"
	# (respawn-pane would lose the exit status: tmux 3.3a)
	tries=0
	until tm new-session -d -s t -x 100 -y 30 "$cmd" \; \
		set-option -g remain-on-exit on 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -gt 50 ] && break
		sleep 0.05
	done
}

tui_screen() { tm capture-pane -p -J "$@" -t "$TUI_PANE"; }
tui_keys() { tm send-keys -t "$TUI_PANE" "$@"; }
tui_format() { tm display-message -p -t "$TUI_PANE" "$1"; }

# tui_wait TEXT [SECONDS]: true once TEXT shows (fixed string).
tui_wait() {
	tries=$(( ${2:-10} * 20 ))
	while [ "$tries" -gt 0 ]; do
		tui_screen | grep -qF -- "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# tui_wait_re REGEX [SECONDS]: true once a line matches REGEX (grep -E).
tui_wait_re() {
	tries=$(( ${2:-10} * 20 ))
	while [ "$tries" -gt 0 ]; do
		tui_screen | grep -qE -- "$1" && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# tui_wait_gone TEXT [SECONDS]: true once TEXT is no longer on the screen.
tui_wait_gone() {
	tries=$(( ${2:-10} * 20 ))
	while [ "$tries" -gt 0 ]; do
		tui_screen | grep -qF -- "$1" || return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	return 1
}

# tui_wait_exit [SECONDS]: true once the program has ended; sets
# $TUI_STATUS to its exit status (from the "[exit N]" line, or from
# #{pane_dead_status} once the pane is dead; tmux 3.3a sometimes never
# fills the latter), and $TUI_CURSOR (1: visible), $TUI_ALTERNATE (1: still
# in the alternate screen) and $TUI_LAST_SCREEN to the terminal's state
# right after the program ended.
tui_wait_exit() {
	TUI_STATUS=
	TUI_CURSOR=
	TUI_ALTERNATE=
	TUI_LAST_SCREEN=
	if tui_wait "[exit " "${1:-10}"; then
		TUI_CURSOR=$(tui_format '#{cursor_flag}')
		TUI_ALTERNATE=$(tui_format '#{alternate_on}')
		TUI_LAST_SCREEN=$(tui_screen)
		TUI_STATUS=$(printf '%s\n' "$TUI_LAST_SCREEN" |
			sed -n 's/^\[exit \([0-9]*\)\]$/\1/p' | tail -n 1)
	fi
	: >"$SCRATCH/seen"
	tries=40
	while [ "$tries" -gt 0 ]; do
		if [ "$(tui_format '#{pane_dead}')" = 1 ]; then
			dead=$(tui_format '#{pane_dead_status}')
			[ -n "$dead" ] && TUI_STATUS=$dead && break
		fi
		sleep 0.05
		tries=$((tries - 1))
	done
	[ -n "$TUI_STATUS" ]
}

# tui_expect NAME TEXT: a check that TEXT shows within the timeout.
tui_expect() {
	if tui_wait "$2"; then
		pass "$1"
	else
		fail "$1" "'$2' not on the screen:" "$(tui_screen)"
	fi
}

# tui_rows: the list's rows on screen (what is right of the facet pane's
# border, when not empty).
tui_rows() { tui_screen | sed -n 's/^[^│]*│\(.*[^ ].*\)$/\1/p'; }
