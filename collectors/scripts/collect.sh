#!/bin/sh
# tekigo macOS collector script, for terminals where the tekigo binary is not installed.
# Writes one fact dump (contract tekigo.facts/1.1, docs/facts.md) as UTF-8 JSON to stdout.
#
#   sh collect.sh > dump.json                      # the names and ports of plan.json beside it
#   sh collect.sh --plan my-policy.plan.json > dump.json
#   sh collect.sh --subject hospital-a/mac-01 --name vpn.example.jp --tcp vpn.example.jp:443 > dump.json
#
# The names and probes are those of the policy checked against: its resolve rules' names and
# its flow rules' hosts and ports, as `tekigo plan POLICY` writes them (docs/collectors.md).
#
# Options:
#   --plan FILE      resolve the plan's names and make its TCP probes (tekigo.plan/1 JSON,
#                    from `tekigo plan`); --name and --tcp add to it. Without --plan, --name
#                    and --tcp: plan.json in this script's folder (the shipped policy's)
#   --subject ID     terminal id (default: the host name)
#   --name FQDN      resolve FQDN (hosts file first, then the system resolver); repeatable
#   --tcp HOST:PORT  TCP connect probe (nc); repeatable. UDP probes (IKE 500/4500, DTLS 443)
#                    are not made by this script: those reach entries stay absent (unknown).
#   --timeout N      seconds allowed to each command (default 120; system_profiler is slow)
#
# POSIX sh (runs under macOS's bash 3.2 and zsh's sh emulation); needs only commands that
# ship with macOS: sw_vers, uname, system_profiler, df, scutil, networksetup, launchctl,
# awk, sed, date, hostname, and for the probes dscacheutil and nc. No jq.
# A step that fails leaves its facts out and is listed under collected.errors with the
# command's own message; nothing is guessed. A plan that cannot be read is an error (exit 2).

COLLECTOR_VERSION="tekigo collect.sh 0.1.0"
subject=""
timeout_s=120
names=""
tcps=""
plan=""

while [ $# -gt 0 ]; do
  case "$1" in
    --plan)
      [ $# -ge 2 ] || { echo "collect.sh: --plan needs a FILE" >&2; exit 2; }
      plan="$2"; shift 2 ;;
    --subject) subject="$2"; shift 2 ;;
    --name) names="$names $2"; shift 2 ;;
    --tcp) tcps="$tcps $2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "collect.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tekigo-collect.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT HUP INT TERM
: > "$work/errors"
: > "$work/facts"

# json_escape: stdin → JSON string content (no surrounding quotes).
json_escape() {
  tr -d '\000-\010\013\014\016-\037' | awk 'BEGIN { ORS = "" }
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
      if (NR > 1) printf "\\n"; printf "%s", $0 }'
}

# add_error STEP MESSAGE
add_error() {
  err_step=$(printf '%s' "$1" | json_escape)
  err_msg=$(printf '%s' "$2" | json_escape)
  printf '{"step":"%s","message":"%s"}\n' "$err_step" "$err_msg" >> "$work/errors"
}

# add_fact KEY JSON: a top-level (or network.*) fact, already JSON.
add_fact() {
  printf '%s\t%s\n' "$1" "$2" >> "$work/facts"
}

# run STEP NAME COMMAND...: runs COMMAND with the deadline, output in $work/NAME.out.
# Returns 0 on success; otherwise records the failure under STEP and returns 1.
run() {
  run_step="$1"; run_name="$2"; shift 2
  if ! command -v "$1" >/dev/null 2>&1; then
    add_error "$run_step" "$1: command not found"
    return 1
  fi
  "$@" > "$work/$run_name.out" 2> "$work/$run_name.err" &
  run_pid=$!
  (
    waited=0
    while kill -0 "$run_pid" 2>/dev/null; do
      if [ "$waited" -ge "$timeout_s" ]; then kill "$run_pid" 2>/dev/null; echo timeout > "$work/$run_name.timeout"; exit 0; fi
      sleep 1; waited=$((waited + 1))
    done
  ) &
  run_watch=$!
  wait "$run_pid"; run_rc=$?
  wait "$run_watch" 2>/dev/null
  if [ -f "$work/$run_name.timeout" ]; then
    add_error "$run_step" "$*: timed out after ${timeout_s} s"
    return 1
  fi
  if [ "$run_rc" -ne 0 ]; then
    run_msg=$(head -c 2000 "$work/$run_name.err")
    [ -n "$run_msg" ] || run_msg="exit status $run_rc"
    add_error "$run_step" "$*: $run_msg"
    return 1
  fi
  return 0
}

# ---- the plan: names to resolve and ports to probe -----------------------------------------
# read_plan FILE: a tekigo.plan/1 document (`tekigo plan`, any JSON layout) → lines
# "name FQDN" and "tcp HOST:PORT" (and "udp HOST:PORT", not probed here) in $work/plan.list.
# The whole file is parsed as JSON; anything else, or a plan of another schema, is refused
# with the reason and the line on stderr (returns 1). C locale: bytes, whatever the terminal's.
read_plan() {
  LC_ALL=C awk '
    function fail(msg,   n, i) {
      if (err != "") return 0
      n = 1; for (i = 1; i < pos && i <= len; i++) if (substr(s, i, 1) == "\n") n++
      err = msg " (line " n ")"; return 0
    }
    function ws(   c) {
      while (pos <= len) { c = substr(s, pos, 1); if (c != " " && c != "\t" && c != "\n" && c != "\r") break; pos++ }
    }
    function str(path,   c, e, start) {
      pos++; start = pos
      while (pos <= len) {
        c = substr(s, pos, 1)
        if (c == "\"") { kind[path] = "string"; val[path] = substr(s, start, pos - start); pos++; return 1 }
        if (c == "\\") {
          e = substr(s, pos + 1, 1)
          if (e ~ /^["\\\/bfnrt]$/) { pos += 2; continue }
          if (e == "u" && substr(s, pos + 2, 4) ~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) { pos += 6; continue }
          return fail("a bad escape in a string")
        }
        if (c ~ /[\001-\037]/) return fail("a control character in a string")
        pos++
      }
      return fail("a string that does not end")
    }
    function value(path, depth,   c, n, key, rest) {
      if (depth > 32) return fail("nested too deep")
      ws(); if (pos > len) return fail("the document ends too soon")
      c = substr(s, pos, 1)
      if (c == "\"") return str(path)
      if (c == "{") {
        kind[path] = "object"; pos++; ws()
        if (substr(s, pos, 1) == "}") { pos++; return 1 }
        while (1) {
          ws(); if (pos > len) return fail("the document ends too soon")
          if (substr(s, pos, 1) != "\"") return fail("an object key should be here")
          if (!str(path SUBSEP "key")) return 0
          key = val[path SUBSEP "key"]; ws()
          if (substr(s, pos, 1) != ":") return fail("a : should follow the key \"" key "\"")
          pos++
          if (!value(path "." key, depth + 1)) return 0
          ws(); if (pos > len) return fail("the document ends too soon")
          c = substr(s, pos, 1); pos++
          if (c == "}") return 1
          if (c != ",") { pos--; return fail("a , or } should be here") }
        }
      }
      if (c == "[") {
        kind[path] = "array"; count[path] = 0; pos++; ws()
        if (substr(s, pos, 1) == "]") { pos++; return 1 }
        while (1) {
          n = count[path]++
          if (!value(path "[" n "]", depth + 1)) return 0
          ws(); if (pos > len) return fail("the document ends too soon")
          c = substr(s, pos, 1); pos++
          if (c == "]") return 1
          if (c != ",") { pos--; return fail("a , or ] should be here") }
        }
      }
      rest = substr(s, pos)
      if (match(rest, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
        kind[path] = "number"; val[path] = substr(rest, 1, RLENGTH); pos += RLENGTH; return 1
      }
      if (match(rest, /^(true|false|null)/)) {
        kind[path] = substr(rest, 1, RLENGTH) == "null" ? "null" : "boolean"; pos += RLENGTH; return 1
      }
      return fail("not JSON")
    }
    function host_ok(h) { return h ~ /^[A-Za-z0-9]([A-Za-z0-9._:-]*[A-Za-z0-9.])?$/ }
    function need(path, k, what) {
      if (kind[path] != k) { err = what; return 0 }
      return 1
    }
    { s = s (NR > 1 ? "\n" : "") $0 }
    END {
      if (substr(s, 1, 3) == "\357\273\277") s = substr(s, 4)
      len = length(s); pos = 1; err = ""
      if (value("", 0)) { ws(); if (pos <= len) fail("more after the document") }
      if (err == "" && need("", "object", "not a JSON object") && \
          need(".schema", "string", "no \"schema\"; is this a plan from `tekigo plan`?")) {
        if (val[".schema"] != "tekigo.plan/1")
          err = "schema \"" val[".schema"] "\": this script reads tekigo.plan/1"
      }
      if (err == "" && need(".names", "array", "\"names\" is not a list") && \
          need(".probes", "array", "\"probes\" is not a list")) {
        for (i = 0; i < count[".names"] && err == ""; i++) {
          p = ".names[" i "]"
          if (kind[p] != "string" || !host_ok(val[p])) err = "names[" i "] is not a host name"
          else out = out "name " val[p] "\n"
        }
        for (i = 0; i < count[".probes"] && err == ""; i++) {
          p = ".probes[" i "]"
          if (kind[p] != "object") { err = "probes[" i "] is not an object"; break }
          if (kind[p ".host"] != "string" || !host_ok(val[p ".host"])) err = "probes[" i "].host is not a host name"
          else if (kind[p ".protocol"] != "string" || val[p ".protocol"] !~ /^(tcp|udp)$/) err = "probes[" i "].protocol is not tcp or udp"
          else if (kind[p ".port"] != "number" || val[p ".port"] !~ /^[1-9][0-9]*$/ || val[p ".port"] + 0 > 65535) err = "probes[" i "].port is not a port number"
          else out = out val[p ".protocol"] " " val[p ".host"] ":" val[p ".port"] "\n"
        }
      }
      if (err != "") { print err; exit 1 }
      printf "%s", out
    }' "$1" > "$work/plan.list" && return 0
  echo "collect.sh: plan $1: $(cat "$work/plan.list")" >&2
  return 1
}

# add_name FQDN, add_tcp HOST:PORT: to the names and probes, unless there already.
add_name() { case " $names " in *" $1 "*) ;; *) names="$names $1" ;; esac; }
add_tcp() { case " $tcps " in *" $1 "*) ;; *) tcps="$tcps $1" ;; esac; }

if [ -n "$plan" ] || [ -z "$names$tcps" ]; then
  plan_file="$plan"
  [ -n "$plan_file" ] || plan_file="$(dirname "$0")/plan.json"
  if [ -n "$plan" ] || [ -f "$plan_file" ]; then
    if [ ! -r "$plan_file" ] || [ -d "$plan_file" ]; then
      echo "collect.sh: plan $plan_file: cannot read the file" >&2; exit 2
    fi
    read_plan "$plan_file" || exit 2
    # the plan's names and tcp probes first, then those of --name and --tcp; each once
    given_names="$names"; given_tcps="$tcps"; names=""; tcps=""
    while read -r plan_kind plan_value; do
      case "$plan_kind" in
        name) add_name "$plan_value" ;;
        tcp) add_tcp "$plan_value" ;;
      esac
    done < "$work/plan.list"
    for plan_value in $given_names; do add_name "$plan_value"; done
    for plan_value in $given_tcps; do add_tcp "$plan_value"; done
  else
    echo "collect.sh: no --plan, --name or --tcp, and no $plan_file: no names resolved, no ports probed" >&2
  fi
fi

# ---- os -----------------------------------------------------------------------------------
# SYSTEM_VERSION_COMPAT=1 makes Big Sur report 10.16; 0 turns the compatibility mode off.
if SYSTEM_VERSION_COMPAT=0 run os sw_vers sw_vers; then
  os_json=$(awk '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return s }
    { sub(/\r$/, ""); i = index($0, ":"); if (i == 0) next
      k = substr($0, 1, i - 1); v = substr($0, i + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (!(k in f)) f[k] = v }
    END {
      if (f["ProductName"] == "" && f["ProductVersion"] == "" && f["BuildVersion"] == "") exit 1
      out = "{\"family\":\"macos\""
      if (f["ProductName"] != "") out = out ",\"name\":\"" esc(f["ProductName"]) "\""
      if (f["ProductVersion"] != "") out = out ",\"version\":\"" esc(f["ProductVersion"]) "\""
      if (f["BuildVersion"] != "") out = out ",\"build\":\"" esc(f["BuildVersion"]) "\""
      if (f["ProductVersionExtra"] != "") out = out ",\"version_extra\":\"" esc(f["ProductVersionExtra"]) "\""
      print out
    }' "$work/sw_vers.out")
  if [ -n "$os_json" ]; then
    if run os.arch uname uname -m; then
      case "$(tr -d '\r\n' < "$work/uname.out")" in
        x86_64) os_json="$os_json,\"arch\":\"x64\"" ;;
        arm64|aarch64) os_json="$os_json,\"arch\":\"arm64\"" ;;
        *) add_error os.arch "uname -m: unknown machine $(cat "$work/uname.out")" ;;
      esac
    fi
    add_fact os "$os_json}"
  else
    add_error os "sw_vers: no ProductName, ProductVersion or BuildVersion in its output"
  fi
fi

# ---- software and browsers ----------------------------------------------------------------
# system_profiler's JSON is pretty-printed one key per line; strings are copied as they are
# (already JSON-escaped). Names repeat for copies at different paths: once per name+version.
if run software system_profiler system_profiler SPApplicationsDataType -json; then
  if awk -v software="$work/software.json" -v browsers="$work/browsers.json" '
    function strval(line,   s) {
      # the JSON string after the first colon, without its quotes (escapes kept)
      s = substr(line, index(line, ":") + 1)
      if (match(s, /"([^"\\]|\\.)*"/) == 0) return ""
      return substr(s, RSTART + 1, RLENGTH - 2)
    }
    function emit(   key, id, pub) {
      if (name == "") { return }
      key = name SUBSEP (has_version ? version : "\001")
      if (!(key in seen)) {
        seen[key] = 1
        pub = ""
        if (signer ~ /^Developer ID Application: /) {
          pub = signer; sub(/^Developer ID Application: /, "", pub); sub(/ \([A-Z0-9]+\)$/, "", pub)
        }
        printf "%s{\"name\":\"%s\"", (ns++ ? "," : ""), name > software
        if (has_version && version != "") printf ",\"version\":\"%s\"", version > software
        if (pub != "") printf ",\"publisher\":\"%s\"", pub > software
        printf "}" > software
      }
      id = ""
      if (name == "Safari") id = "safari"; else if (name == "Google Chrome") id = "chrome"
      else if (name == "Firefox") id = "firefox"; else if (name == "Microsoft Edge") id = "edge"
      else if (name == "Chromium") id = "chromium"
      if (id != "" && !((id SUBSEP version) in bseen)) {
        bseen[id SUBSEP version] = 1
        printf "%s{\"id\":\"%s\"", (nb++ ? "," : ""), id > browsers
        if (has_version && version != "") printf ",\"version\":\"%s\"", version > browsers
        printf "}" > browsers
      }
    }
    BEGIN { depth = 0; printf "" > software; printf "" > browsers; ok = 0 }
    {
      sub(/\r$/, "")
      bare = $0; gsub(/"([^"\\]|\\.)*"/, "\"\"", bare)   # strings out of the way of the counting
      if (depth == 1 && $0 ~ /"SPApplicationsDataType"[ \t]*:/) ok = 1
      if (depth == 3) {
        if ($0 ~ /^[ \t]*"_name"[ \t]*:/) name = strval($0)
        else if ($0 ~ /^[ \t]*"version"[ \t]*:/) { version = strval($0); has_version = 1 }
        else if ($0 ~ /^[ \t]*"signed_by"[ \t]*:/) { want_signer = 1; if (match($0, /\[[ \t]*"/)) { signer = strval(substr($0, RSTART)); want_signer = 0 } }
      } else if (depth == 4 && want_signer && $0 ~ /^[ \t]*"/) {
        signer = strval(":" $0); want_signer = 0
      }
      n = split(bare, ch, "")
      for (i = 1; i <= n; i++) {
        if (ch[i] == "{" || ch[i] == "[") {
          depth++
          if (depth == 3) { name = ""; version = ""; has_version = 0; signer = ""; want_signer = 0 }
        } else if (ch[i] == "}" || ch[i] == "]") {
          if (depth == 3) emit()
          depth--
        }
      }
    }
    END { if (!ok || depth != 0) exit 1 }' "$work/system_profiler.out"; then
    add_fact software "[$(cat "$work/software.json")]"
    add_fact browsers "[$(cat "$work/browsers.json")]"
  else
    add_error software "system_profiler SPApplicationsDataType -json: output not understood"
    add_error browsers "system_profiler SPApplicationsDataType -json: output not understood"
  fi
else
  add_error browsers "no application list (see the software error)"
fi

# ---- disk ---------------------------------------------------------------------------------
if run disk df df -k /; then
  free_bytes=$(awk '
    NR == 1 { for (i = 2; i <= NF; i++) if ($i ~ /-blocks$/) unit = $i
              if (unit == "1024-blocks" || unit == "1K-blocks") bs = 1024; else if (unit == "512-blocks") bs = 512
              inode = ($0 ~ /iused/); next }
    { line = (pending != "" ? pending " " : "") $0; pending = ""
      n = split(line, t, /[ \t]+/); if (t[1] == "") { for (i = 1; i < n; i++) t[i] = t[i + 1]; n-- }
      if (n == 1) { pending = line; next }
      for (k = 2; k + 3 <= n; k++)
        if (t[k] ~ /^[0-9]+$/ && t[k + 1] ~ /^[0-9]+$/ && t[k + 2] ~ /^[0-9]+$/ && t[k + 3] ~ /%$/) {
          m = k + (inode ? 7 : 4); mount = t[m]; for (j = m + 1; j <= n; j++) mount = mount " " t[j]
          if (mount == "/" && bs > 0) { printf "%.0f\n", t[k + 2] * bs; exit }
          break
        } }' "$work/df.out")
  if [ -n "$free_bytes" ]; then
    add_fact disk "{\"system_free_bytes\":$free_bytes}"
  else
    add_error disk "df -k /: no row mounted on / with a known block size"
  fi
fi

# ---- network.proxy ------------------------------------------------------------------------
# The proxy used for https: HTTPS proxy, else the PAC URL, else none (null).
if run network.proxy scutil scutil --proxy; then
  proxy_json=$(awk '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
    { sub(/\r$/, ""); t = $0; gsub(/^[ \t]+|[ \t]+$/, "", t)
      if (t ~ /<dictionary>/) seen = 1
      if (t == "}") { depth--; next }
      opens = (t ~ /\{$/)
      if (depth == 1 && !opens && (i = index(t, ":")) > 0) {
        k = substr(t, 1, i - 1); v = substr(t, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); f[k] = v }
      if (opens) depth++ }
    END {
      if (!seen) exit 1
      if (f["HTTPSEnable"] == "1" && f["HTTPSProxy"] != "") {
        u = "http://" f["HTTPSProxy"]; if (f["HTTPSPort"] != "") u = u ":" f["HTTPSPort"]; print "\"" esc(u) "\""
      } else if (f["ProxyAutoConfigEnable"] == "1" && f["ProxyAutoConfigURLString"] != "") {
        print "\"pac+" esc(f["ProxyAutoConfigURLString"]) "\""
      } else print "null"
    }' "$work/scutil.out")
  if [ -n "$proxy_json" ]; then add_fact network.proxy "$proxy_json"; else add_error network.proxy "scutil --proxy: no <dictionary> in its output"; fi
fi

# ---- network.adapters ---------------------------------------------------------------------
if run network.adapters networksetup networksetup -listallhardwareports; then
  adapters_json=$(awk '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
    { sub(/\r$/, ""); i = index($0, ":"); if (i == 0) next
      k = substr($0, 1, i - 1); v = substr($0, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
      if (k == "Hardware Port") { port = v; any = 1 }
      else if (k == "Device" && any && v != "") {
        out = out (n++ ? "," : "") "{\"name\":\"" esc(v) "\""; if (port != "") out = out ",\"description\":\"" esc(port) "\""; out = out "}" } }
    END { if (!any) exit 1; print "[" out "]" }' "$work/networksetup.out")
  if [ -n "$adapters_json" ]; then add_fact network.adapters "$adapters_json"; else add_error network.adapters "networksetup -listallhardwareports: no Hardware Port in its output"; fi
fi

# ---- services -----------------------------------------------------------------------------
# launchctl list (this user's and, when run as root, the system domain): PID → running.
if run services launchctl launchctl list; then
  services_json=$(awk -F '\t' '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
    { sub(/\r$/, "") }
    $1 == "PID" && $3 == "Label" { header = 1; next }
    header && NF >= 3 && !($3 in seen) {
      if ($1 ~ /^[0-9]+$/) state = "running"; else if ($1 == "-") state = "stopped"; else next
      seen[$3] = 1; out = out (n++ ? "," : "") "{\"name\":\"" esc($3) "\",\"state\":\"" state "\"}" }
    END { if (!header) exit 1; print "[" out "]" }' "$work/launchctl.out")
  if [ -n "$services_json" ]; then add_fact services "$services_json"; else add_error services "launchctl list: no PID/Status/Label header in its output"; fi
fi

# ---- features -----------------------------------------------------------------------------
# Internet Sharing: NAT.Enabled in com.apple.nat.plist. Without the file the state is not
# known here (the feature stays absent, no error).
nat_plist=/Library/Preferences/SystemConfiguration/com.apple.nat.plist
if [ -f "$nat_plist" ] && [ -x /usr/libexec/PlistBuddy ]; then
  nat=$(/usr/libexec/PlistBuddy -c "Print :NAT:Enabled" "$nat_plist" 2>&1)
  case "$nat" in
    1|true) add_fact features '{"internet_connection_sharing":true}' ;;
    0|false) add_fact features '{"internet_connection_sharing":false}' ;;
    *) add_error features.internet_connection_sharing "PlistBuddy: $nat" ;;
  esac
fi

# ---- dns and reach (only for the names and ports given) -----------------------------------
dns_items=""
for name in $names; do
  lname=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | sed 's/\.$//')
  hosts_addrs=$(awk -v n="$lname" '{ sub(/#.*/, "") } NF >= 2 { for (i = 2; i <= NF; i++) { h = tolower($i); sub(/\.$/, "", h); if (h == n) { print $1; break } } }' /etc/hosts 2>/dev/null)
  ename=$(printf '%s' "$name" | json_escape)
  if [ -n "$hosts_addrs" ]; then
    addrs=$(printf '%s\n' "$hosts_addrs" | awk '{ printf "%s\"%s\"", (n++ ? "," : ""), $1 }')
    item="{\"name\":\"$ename\",\"source\":\"hosts\",\"addresses\":[$addrs]}"
  elif run "dns" dscacheutil dscacheutil -q host -a name "$name"; then
    addrs=$(awk '$1 == "ip_address:" || $1 == "ipv6_address:" { if (!($2 in s)) { s[$2] = 1; printf "%s\"%s\"", (n++ ? "," : ""), $2 } }' "$work/dscacheutil.out")
    if [ -n "$addrs" ]; then
      item="{\"name\":\"$ename\",\"source\":\"dns\",\"addresses\":[$addrs]}"
    else
      item="{\"name\":\"$ename\",\"source\":\"none\",\"addresses\":[],\"detail\":\"dscacheutil: no address\"}"
    fi
  else
    item=""
  fi
  [ -n "$item" ] && dns_items="$dns_items${dns_items:+,}$item"
done
[ -n "$names" ] && [ -n "$dns_items" ] && add_fact dns "[$dns_items]"

reach_items=""
for target in $tcps; do
  host=${target%:*}; port=${target##*:}
  case "$port" in ''|*[!0-9]*) add_error reach "--tcp $target: not HOST:PORT"; continue ;; esac
  if ! command -v nc >/dev/null 2>&1; then add_error reach "nc: command not found"; break; fi
  nc -z -G 5 -w 5 "$host" "$port" > "$work/nc.out" 2>&1; nc_rc=$?
  nc_msg=$(tr '\n' ' ' < "$work/nc.out" | json_escape)
  if [ "$nc_rc" -eq 0 ]; then state=open
  elif grep -qi "refused" "$work/nc.out"; then state=closed
  elif grep -qi "timed out" "$work/nc.out"; then state=filtered
  else state=error; fi
  ehost=$(printf '%s' "$host" | json_escape)
  item="{\"host\":\"$ehost\",\"protocol\":\"tcp\",\"port\":$port,\"state\":\"$state\""
  [ -n "$nc_msg" ] && item="$item,\"detail\":\"$nc_msg\""
  reach_items="$reach_items${reach_items:+,}$item}"
done
[ -n "$reach_items" ] && add_fact reach "[$reach_items]"

# ---- the dump -----------------------------------------------------------------------------
if [ -z "$subject" ]; then
  subject=$(hostname 2>/dev/null | tr -d '\r\n')
  [ -n "$subject" ] || subject="unknown-mac"
fi
now=$(date +%Y-%m-%dT%H:%M:%S%z | sed 's/\([+-][0-9][0-9]\)\([0-9][0-9]\)$/\1:\2/')

{
  printf '{\n  "schema": "tekigo.facts/1.1",\n  "subject": "%s",\n' "$(printf '%s' "$subject" | json_escape)"
  printf '  "collected": {"at": "%s", "by": "%s", "errors": [' "$now" "$COLLECTOR_VERSION"
  awk '{ printf "%s\n    %s", (NR > 1 ? "," : ""), $0 }' "$work/errors"
  printf ']}'
  # top-level facts in a fixed order, network.* gathered into one map
  for key in os browsers disk software dns reach features services; do
    awk -F '\t' -v k="$key" '$1 == k { printf ",\n  \"%s\": %s", k, substr($0, length(k) + 2) }' "$work/facts"
  done
  awk -F '\t' '$1 ~ /^network\./ { k = substr($1, 9); out = out (n++ ? ", " : "") "\"" k "\": " substr($0, length($1) + 2) }
               END { if (n) printf ",\n  \"network\": {%s}", out }' "$work/facts"
  printf '\n}\n'
}
