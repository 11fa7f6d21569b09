#!/usr/bin/env bash
# Writes the man page tekigo.1 and the bash completion of the `tekigo` command from the command's
# own --help (each subcommand's, recursively), so both name exactly the commands and options the
# CLI has. Run after every link of tekigo (cli/CMakeLists.txt); tests/install/ checks the result
# against the CLI. Needs only bash and awk (mawk or gawk).
#   scripts/tekigo_manual.sh TEKIGO MAN_OUT COMPLETION_OUT    (also writes MAN_OUT.gz)
# The completion's text is printed in single quotes on purpose: its $ are the completion's own.
# shellcheck disable=SC2016
set -euo pipefail
[ $# -eq 3 ] || {
  echo "usage: scripts/tekigo_manual.sh TEKIGO MAN_OUT COMPLETION_OUT" >&2
  exit 2
}
tekigo="$1"
man_out="$2"
completion_out="$3"

# One CLI11 help text → records, one a line, fields separated by tabs:
#   about TEXT | usage TEXT | pos NAME SPEC TEXT | opt NAMES SPEC TEXT | sub NAMES TEXT | note TEXT
# NAMES: comma-separated (-f,--format; lint,compile). An entry's text may continue on lines
# indented past the name column, or start on the next line when the name is long.
parse_help() {
  awk '
    function flush() {
      if (kind != "") {
        sub(/^ +/, "", text)
        if (kind == "sub") print "sub\t" names "\t" text
        else print kind "\t" names "\t" spec "\t" text
      }
      kind = ""
    }
    function entry(line,   head, rest, n) {
      flush()
      line = substr(line, 3)
      n = match(line, /  +/)
      if (n > 0) { head = substr(line, 1, n - 1); text = substr(line, n + RLENGTH) }
      else { head = line; text = "" }
      if (section == "sub") {
        gsub(/, /, ",", head); kind = "sub"; names = head; spec = ""; return
      }
      kind = section
      n = index(head, " ")
      if (n > 0) { names = substr(head, 1, n - 1); spec = substr(head, n + 1) }
      else { names = head; spec = "" }
    }
    BEGIN { section = "about"; kind = "" }
    /^Usage: / { flush(); print "usage\t" substr($0, 8); section = "none"; next }
    /^Positionals:$/ { flush(); section = "pos"; next }
    /^Options:$/ { flush(); section = "opt"; next }
    /^Subcommands:$/ { flush(); section = "sub"; next }
    /^$/ { flush(); if (section != "about") section = "none"; next }
    section == "about" { print "about\t" $0; next }
    (section == "pos" || section == "opt" || section == "sub") && /^  [^ ]/ { entry($0); next }
    (section == "pos" || section == "opt" || section == "sub") && /^   / {
      t = $0; sub(/^ +/, "", t); text = text " " t; next
    }
    { flush(); section = "note"; print "note\t" $0 }
    END { flush() }
  '
}

# roff: a backslash is \e, a hyphen \-, a line may not start with . or '
roff() {
  sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^[.']/\\\\\\&&/"
}

man_body=$(mktemp)
completion_cases=$(mktemp)
completion_paths=$(mktemp)
completion_words=$(mktemp)
trap 'rm -f "$man_body" "$completion_cases" "$completion_paths" "$completion_words"' EXIT

top_notes=""
version_line=$("$tekigo" --version)
top_about=""

# walk PATH...: the help of `tekigo PATH...`, into the man page and the completion tables.
walk() {
  local help records path="$*"
  help=$("$tekigo" "$@" --help)
  records=$(printf '%s\n' "$help" | parse_help)
  local about usage notes words="" subs=()
  about=$(printf '%s\n' "$records" | awk -F'\t' '$1 == "about" { print $2 }')
  usage=$(printf '%s\n' "$records" | awk -F'\t' '$1 == "usage" { print $2 }')
  notes=$(printf '%s\n' "$records" | awk -F'\t' '$1 == "note" { print $2 }')
  if [ -z "$path" ]; then
    top_notes="$notes"
    top_about="$about"
  else
    {
      printf '.SS "%s"\n' "$(printf '%s' "$usage" | roff)"
      printf '%s\n' "$about" | roff
      if [ "$notes" != "$top_notes" ] && [ -n "$notes" ]; then
        printf '.PP\n'
        printf '%s\n' "$notes" | roff
      fi
    } >>"$man_body"
  fi
  local kind names spec text name choices
  # \037 (unit separator) between fields: tabs would collapse an empty field
  while IFS=$'\037' read -r kind names spec text; do
    case "$kind" in
      pos)
        [ -z "$path" ] || printf '.TP\n.I %s\n%s\n' "$names" "$(printf '%s' "$text" | roff)" >>"$man_body"
        ;;
      opt)
        local shown="" n
        IFS=',' read -ra option_names <<<"$names"
        for n in "${option_names[@]}"; do
          shown+="${shown:+, }\\fB$(printf '%s' "$n" | roff)\\fR"
          words+=" $n"
        done
        [ -z "$spec" ] || shown+=" \\fI$(printf '%s' "$spec" | roff)\\fR"
        if [ -n "$path" ]; then
          printf '.TP\n%s\n%s\n' "$shown" "$(printf '%s' "$text" | roff)" >>"$man_body"
        fi
        # An option that takes a value: its choices, or file names.
        if [ -n "$spec" ]; then
          choices=""
          if [[ "$spec" =~ \{([^}]*)\} ]]; then choices="${BASH_REMATCH[1]//,/ }"; fi
          for n in "${option_names[@]}"; do
            printf '    "%s|%s") _tekigo_value "%s"; return ;;\n' "$path" "$n" "$choices" \
              >>"$completion_cases"
          done
        fi
        ;;
      sub)
        IFS=',' read -ra sub_names <<<"$names"
        for name in "${sub_names[@]}"; do
          words+=" $name"
          printf '    "%s|%s") path="%s" ;;\n' "$path" "$name" "${path:+$path }${sub_names[0]}" \
            >>"$completion_paths"
        done
        subs+=("${sub_names[0]}")
        ;;
    esac
  done < <(printf '%s\n' "$records" |
    awk -F'\t' 'BEGIN { OFS = "\037" }
      $1 == "sub" { print $1, $2, "", $3 } $1 == "pos" || $1 == "opt" { print $1, $2, $3, $4 }')
  printf '    "%s") words="%s" ;;\n' "$path" "${words# }" >>"$completion_words"
  local sub
  for sub in "${subs[@]}"; do
    # shellcheck disable=SC2086 # the path is words
    walk $path "$sub"
  done
}

walk

version="${version_line#tekigo }"
name_line=$(printf '%s' "$top_about" | sed 's/^tekigo — //; s/\.$//')
{
  printf '.\\" Generated from `tekigo --help` by scripts/tekigo_manual.sh; do not edit.\n'
  printf '.TH TEKIGO 1 "" "tekigo %s" "User Commands"\n' "$(printf '%s' "${version%% *}" | roff)"
  printf '.SH NAME\ntekigo \\- %s\n' "$(printf '%s' "$name_line" | roff)"
  printf '.SH SYNOPSIS\n.B tekigo\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n.br\n'
  printf '.B tekigo\n\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n'
  printf '.SH DESCRIPTION\n'
  printf '%s\n' "$top_about" | roff
  printf '.PP\nEvery command takes \\fB\\-h\\fR, \\fB\\-\\-help\\fR. '
  printf '\\fB\\-\\-version\\fR prints the version and the commit tekigo was built from.\n'
  printf '.SH COMMANDS\n'
  cat "$man_body"
  printf '.SH EXIT STATUS\n'
  printf '%s\n' "$top_notes" | sed 's/^Exit codes: //' | roff
  printf '.SH FILES\n.TP\n.I /usr/share/tekigo/policies/\n'
  printf 'The shipped policies (gan\\-touroku\\-online.tkg) and their test cases.\n'
  printf '.TP\n.I /usr/share/tekigo/examples/\nExample fact dumps, one outcome each.\n'
  printf '.TP\n.I /usr/share/doc/tekigo/\nThe documentation: the language, facts, reports, collectors.\n'
  printf '.SH EXAMPLES\n.nf\n'
  printf 'tekigo check /usr/share/tekigo/policies/gan\\-touroku\\-online.tkg /usr/share/tekigo/examples/dumps/\n'
  printf 'tekigo collect \\-\\-policy /usr/share/tekigo/policies/gan\\-touroku\\-online.tkg \\-o me.json\n.fi\n'
  printf '.SH SEE ALSO\n/usr/share/doc/tekigo/README.md, /usr/share/doc/tekigo/language.md\n'
} >"$man_out"

{
  printf '# bash completion for tekigo. Generated from `tekigo --help` by scripts/tekigo_manual.sh.\n'
  printf '_tekigo_value() {\n'
  printf '  # an option value: its choices, else file names (complete -o default)\n'
  printf '  [ -z "$1" ] || mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")\n'
  printf '}\n'
  printf '_tekigo() {\n'
  printf '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="" words i\n'
  printf '  COMPREPLY=()\n'
  printf '  for ((i = 1; i < COMP_CWORD; i++)); do\n'
  printf '    case "$path|${COMP_WORDS[i]}" in\n'
  cat "$completion_paths"
  printf '    esac\n'
  printf '  done\n'
  printf '  ((COMP_CWORD < 2)) || prev="${COMP_WORDS[COMP_CWORD - 1]}"\n'
  printf '  case "$path|$prev" in\n'
  cat "$completion_cases"
  printf '  esac\n'
  printf '  case "$path" in\n'
  cat "$completion_words"
  printf '  esac\n'
  printf '  if [[ "$cur" == -* ]]; then\n'
  printf '    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur" | grep -- "^-")\n'
  printf '  else\n'
  printf '    # subcommands where there are some, else (-o default) file names\n'
  printf '    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur" | grep -v -- "^-")\n'
  printf '  fi\n'
  printf '}\n'
  printf 'complete -o default -F _tekigo tekigo\n'
} >"$completion_out"

# The installed page is gzip'd, as Debian policy (§12.1) wants man pages: -9 for size, -n so
# that the same page gives the same bytes (no name or time stamp in the header).
gzip -9 -n -c "$man_out" >"$man_out.gz"
