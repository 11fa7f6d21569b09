# bench/check.jq — the checks of policies/gan-touroku-online.tkg written by hand in jq, the way
# a hospital's IT staff could check their fact dumps without tekigo. It is the comparison point
# of bench/run_bench.sh (docs/performance.md): one compact JSON object per dump,
#   {"subject": …, "verdict": "pass|warn|fail|unknown", "problems": {"rule-id": "status", …}}
#
#   jq -c -f bench/check.jq DUMP.json...          (or a .jsonl file: one dump per line)
#
# It follows the policy's decision lists (docs/language.md) as faithfully as is reasonable:
# three-valued logic (true / false / null for "unknown"), version lines, Windows release ids,
# sizes in bytes, host names without case or final dot, the forbidden-software name patterns
# matched with test(…; "i"), flows per protocol × port, attested items as manual rules. What it
# leaves out: evidence, messages, notes — it gives the verdict and the rules that do not pass.

# ---- three-valued logic: true, false, null (unknown)
def and3($a; $b): if $a == false or $b == false then false elif $a == null or $b == null then null else true end;
def or3($a; $b): if $a == true or $b == true then true elif $a == null or $b == null then null else false end;
def not3($a): if $a == null then null else ($a | not) end;
def all3(f): reduce f as $x (true; and3(.; $x));
def any3(f): reduce f as $x (false; or3(.; $x));
# some element of the list (null: the list is absent) satisfies f
def exists3($list; f): if $list == null then null else any3($list[] | f) end;

# ---- typed comparisons
def lc: ascii_downcase;
def host: if type == "string" then (lc | rtrimstr(".")) else null end;
# "4.9.05042" → [4, 9, 5042]; the longest numeric prefix, after an optional v
def ver: if type == "string" then ((capture("^[vV]?(?<v>[0-9]+(\\.[0-9]+)*)") | .v | split(".") | map(tonumber)) // null) else null end;
# version belongs to the line $l (a list of numbers): its first components are $l's
def in_line($l): ver as $v | if $v == null then null else (($v + [range(0; $l | length) | 0])[0:($l | length)]) == $l end;
def vcmp($a; $b): ([$a, $b] | map(length) | max) as $n
  | ($a + [range(0; $n) | 0])[0:$n] as $x | ($b + [range(0; $n) | 0])[0:$n] as $y
  | if $x < $y then -1 elif $x > $y then 1 else 0 end;
# Windows release ids in time order: YYMM, YYH1 (= month 05), YYH2 (= month 10)
def release_key: if type != "string" then null
  else (capture("^(?<y>[0-9]{2})(?<m>[0-9]{2}|H1|H2)$") // null)
    | if . == null then null else (.y | tonumber) * 100 + ({"H1": 5, "H2": 10}[.m] // (.m | tonumber)) end end;
def eq_text($v; $want): if $v == null then null elif ($v | type) != "string" then null else ($v | lc) == ($want | lc) end;
def is_bool($v): if ($v | type) == "boolean" then $v else null end;
def matches($v; $re): if ($v | type) == "string" then ($v | test($re; "i")) else null end;

# ---- a decision list: the first case that is true decides; unknown cases before it block a
# different status; no case true: otherwise, unless an unknown case had another status.
def decide($cases; $otherwise):
  (reduce $cases[] as $k ({done: false, blocked: [], status: null};
    if .done then .
    elif $k[1] == true then .done = true | .status = (if all(.blocked[]; . == $k[0]) then $k[0] else "unknown" end)
    elif $k[1] == null then .blocked += [$k[0]]
    else . end)) as $r
  | if $r.done then $r.status
    elif all($r.blocked[]; . == $otherwise) then $otherwise
    else "unknown" end;

# ---- §2(1) line type
def line_type:
  .network.line as $l | .network.internet_via_datacenter as $dc
  | (if $l == null then null else ($l == "leased_line" or $l == "closed_ip_vpn") end) as $closed
  | decide([
      ["warn", and3($closed; is_bool($dc))],
      ["pass", (if $l == null then null else $l == "fiber" end)],
      ["warn", (if $l == null then null else ($l == "isdn" or $l == "adsl") end)],
      ["warn", (if $l == null then null else $l == "mobile" end)],
      ["warn", (if $l == null then null else $l == "catv" end)],
      ["fail", (if $l == null then null else $l == "public_wifi" end)],
      ["fail", $closed]
    ]; "fail");

# ---- manual rules: "manual" until attested; then expect VALUE
def manual($v; $want): if $v == null then "manual" elif ($v | type) != "boolean" then "unknown" elif $v == $want then "pass" else "fail" end;

# ---- §3(1) OS, browser and disk; 補足2 verified OS
def os_is($family; $lines):
  and3(eq_text(.os.family; $family); any3($lines[] as $l | (.os.version | in_line($l))));
def release_in($ids): (.os.release | release_key) as $r | if $r == null then null else any($ids[] | release_key; . == $r) end;
def browser_is($id; $from; $to):   # $from/$to: version lines, or null for any version
  exists3(.browsers; and3(eq_text(.id; $id);
    if $from == null then true
    else (.version | ver) as $v | if $v == null then null else (vcmp($v; $from) >= 0 and (($v + [range(0; $to | length) | 0])[0:($to | length)] | vcmp(.; $to)) <= 0) end end));
def disk_at_least($bytes): .disk.system_free_bytes as $d | if ($d | type) != "number" then null else $d >= $bytes end;

def terminal:
  (and3(os_is("windows"; [[7]]); (.os.service_pack as $sp | if ($sp | type) != "number" then null else $sp >= 1 end))) as $os1
  | (and3(os_is("windows"; [[8, 1]]); (.os.edition as $e | if $e == null then null else ($e | lc) != "corearm" end))) as $os2
  | (and3(os_is("windows"; [[10]]); release_in(["1909", "2004", "20H2"]))) as $os3
  | os_is("macos"; [[10, 12]]) as $os4
  | os_is("macos"; [[10, 13], [10, 14]]) as $os5
  | browser_is("ie"; [9]; [11]) as $b1
  | browser_is("ie"; [11]; [11]) as $b2
  | or3(browser_is("ie"; [11]; [11]); browser_is("edge"; null; null)) as $b3
  | browser_is("safari"; null; null) as $b4
  | browser_is("chrome"; null; null) as $b5
  | disk_at_least(104857600) as $d100 | disk_at_least(52428800) as $d50
  | decide([
      ["pass", all3($os2, $b2, $d100)], ["pass", all3($os3, $b3, $d100)],
      ["pass", all3($os4, $b4, $d50)], ["pass", all3($os5, $b5, $d50)],
      ["warn", all3($os1, $b1, $d100)],
      ["fail", and3($os1; not3($b1))], ["fail", all3($os1, $b1, not3($d100))],
      ["fail", and3($os2; not3($b2))], ["fail", all3($os2, $b2, not3($d100))],
      ["fail", and3($os3; not3($b3))], ["fail", all3($os3, $b3, not3($d100))],
      ["fail", and3($os4; not3($b4))], ["fail", all3($os4, $b4, not3($d50))],
      ["fail", and3($os5; not3($b5))], ["fail", all3($os5, $b5, not3($d50))]
    ]; "fail");

def windows10_release_ended:
  and3(eq_text(.os.family; "windows"); .os.version | in_line([10])) as $applies
  | if $applies == false then "n/a" elif $applies == null then "unknown"
    else (.os.release | release_key) as $r
      | decide([["fail", (if $r == null then null else $r <= 1903 end)]]; "pass") end;

def keymanager_os:
  decide([
    ["pass", os_is("windows"; [[8, 1]])],
    ["pass", and3(os_is("windows"; [[10]]); release_in(["1909", "2004", "20H2"]))],
    ["pass", os_is("macos"; [[10, 12]])], ["pass", os_is("macos"; [[10, 13]])], ["pass", os_is("macos"; [[10, 14]])],
    ["warn", os_is("windows"; [[7]])], ["warn", os_is("macos"; [[10, 10]])], ["warn", os_is("macos"; [[10, 11]])]
  ]; "fail");

# ---- §3(2) name resolution
def resolve($name; $addresses; $direct):
  if .dns == null then "unknown"
  else [.dns[] | select((.name | host) == $name)] as $e
    | decide([
        ["unknown", ($e | length) == 0],
        ["fail", (if $direct then any($e[]; .source == "proxy") else false end)],
        ["fail", any3($e[] | or3(.source == "none"; if (.addresses | type) == "array" then (.addresses | length) == 0 else null end))],
        ["pass", any3($e[] | exists3(.addresses; . as $a | any($addresses[]; . == $a)))]
      ]; "warn") end;

# ---- §4(2) traffic: every protocol × port is one probe
def flow($host; $probes):
  if .reach == null then "unknown"
  else [.reach[] | select((.host | host) == $host)] as $e
    | [$probes[] as [$proto, $port] | [$e[] | select((.protocol | lc) == $proto and .port == $port)]] as $m
    | decide(
        [($m[] | ["fail", any(.[]; .state == "closed" or .state == "filtered")])] +
        [($m[] | ["unknown", (any(.[]; .state == "open") | not)])]; "pass") end;

# ---- §3(3) 別表: conflicting software
def sw(f): exists3(.software; f);
def adapter(f): exists3(.network.adapters; f);
def windows: eq_text(.os.family; "windows");
def forbid($items): decide([$items[] | ["fail", .]]; "pass");

def conflicts:
  {
    "conflict-01": forbid([sw(matches(.name; "adobe creative suite 3|adobe cs3")), sw(matches(.name; "^bonjour")),
                           sw(matches(.name; "^itunes( |$)"))]),
    "conflict-02": forbid([sw(and3(matches(.name; "at&t.*communication(s)? manager");
                                   or3(.version | in_line([6, 2]); .version | in_line([6, 7])))),
                           adapter(matches(.description; "sierra wireless.*875|aircard 875"))]),
    "conflict-03": forbid([sw(matches(.name; "at&t global (dialer|network client)"))]),
    "conflict-04": forbid([sw(and3(matches(.name; "citrix (advanced|access) gateway"); .version | in_line([2, 2, 1])))]),
    "conflict-05": forbid([sw(and3(matches(.name; "firewall|zonealarm|comodo internet security|outpost");
                                   not3(matches(.publisher; "microsoft"))))]),
    "conflict-06": forbid([sw(matches(.name; "odyssey (access )?client"))]),
    "conflict-07": forbid([sw(and3(matches(.name; "kaspersky.*workstation"); .version | in_line([6])))]),
    "conflict-08": forbid([sw(and3(matches(.name; "mcafee (personal |desktop )?firewall"); .version | in_line([5])))]),
    "conflict-09": forbid([exists3(.browsers; and3(eq_text(.id; "ie"); .version | in_line([8]))),
                           sw(matches(.name; "internet explorer 8"))]),
    "conflict-10": forbid([and3(windows; exists3(.services; and3(eq_text(.name; "RemoteAccess"); eq_text(.state; "running"))))]),
    "conflict-11": forbid([sw(matches(.name; "openvpn"))]),
    "conflict-12": manual(.attested.load_balancer; false),
    "conflict-13": forbid([sw(matches(.name; "embassy (trust suite|security center)"))]),
    "conflict-14": forbid([and3(windows; exists3(.network.layered_service_providers; .name != null)),
                           sw(matches(.name; "nod32"))]),
    "conflict-15": forbid([adapter(matches(.description; "ev-?do|1xev")), adapter(matches(.description; "venturi")),
                           sw(matches(.name; "venturi"))]),
    "conflict-16": manual(.attested.dsl_router; false),
    "conflict-17": forbid([sw(matches(.name; "check ?point")), sw(matches(.name; "kaspersky"))]),
    "conflict-18": forbid([adapter(matches(.description; "virtualbox|vmware|hyper-v virtual ethernet|parallels")),
                           sw(matches(.name; "virtualbox|vmware (workstation|player|fusion)|parallels desktop"))]),
    "conflict-19": forbid([and3(windows; is_bool(.features.internet_connection_sharing))]),
    "conflict-20": forbid([sw(matches(.name; "protect ?tools"))]),
    "conflict-21": forbid([sw(matches(.name; "lenovo.*hotspot")), and3(windows; is_bool(.features.mobile_hotspot))])
  };

# ---- 補足1: the software used
def vpn_software:
  decide([["pass", sw(and3(matches(.name; "anyconnect secure mobility client"); .version | in_line([4, 9, 5042])))],
          ["warn", sw(matches(.name; "anyconnect|cisco secure client"))]]; "warn");
def certificate_software:
  decide([["pass", sw(and3(matches(.name; "soliton keymanager|keymanager"); .version | in_line([2, 0, 1])))],
          ["warn", sw(matches(.name; "keymanager"))]]; "warn");

# ---- the terminal
({
  "line-type": line_type,
  "ipsec-over-path": manual(.attested.ipsec_vpn_over_path; true),
  "terminal": terminal,
  "windows10-release-ended": windows10_release_ended,
  "mio-name": resolve("mio.ccr.ncc.go.jp"; ["133.162.82.105"]; false),
  "sec-name": resolve("sec.ccr.ncc.go.jp"; ["219.97.232.64"]; true)
} + conflicts + {
  "facility-path": manual(.attested.facility_path_supports_ipsec; true),
  "vpn-client-service": flow("sec.ccr.ncc.go.jp"; [["tcp", 443], ["udp", 443]]),
  "vpn-isakmp": flow("sec.ccr.ncc.go.jp"; [["udp", 500]]),
  "vpn-nat-traversal": flow("sec.ccr.ncc.go.jp"; [["udp", 4500]]),
  "web-mio": flow("mio.ccr.ncc.go.jp"; [["tcp", 443]]),
  "vpn-software": vpn_software,
  "certificate-software": certificate_software,
  "keymanager-os": keymanager_os
}) as $rules
| ([$rules[]] | if any(. == "fail") then "fail" elif any(. == "unknown") then "unknown"
                elif any(. == "warn") then "warn" else "pass" end) as $verdict
| {subject, verdict: $verdict, problems: ($rules | with_entries(select(.value != "pass" and .value != "n/a")))}
