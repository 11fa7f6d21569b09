# Pester 5 suite of collectors/scripts/collect.ps1 (ctest collectors/scripts/pester, run by
# run_pester.py). The script runs end to end under PowerShell 7 on Linux with every Windows
# API it reaches replaced by the recordings of a scenario (scenarios/*.psd1,
# RecordedTerminal.psm1):
#   mocked: Test-64BitWindows, Open-RegistryRoot (the registry), New-SharingManager (ICS),
#   Get-TetheringState (mobile hotspot) — the script's seams; New-Object System.IO.DriveInfo;
#   Get-NetAdapter, Get-WmiObject, Get-Service, netsh.exe, Resolve-DnsName, Get-Date.
#   real: the hosts file (a file under TestDrive, given by $env:SystemRoot), TCP connections
#   (System.Net.Sockets.TcpClient to loopback listeners this suite starts), the proxy's
#   CONNECT (a loopback server this suite starts), ConvertTo-Json and the file the script
#   writes.
# Each scenario's dump must pass docs/facts.schema.json and equal, fact for fact and in
# `tekigo check`, the dump the C++ Windows collector makes from the same recordings
# (tekigo-collect-steps-as windows, with stub reg.exe/powershell.exe/netsh.exe).
#
# Environment (run_pester.py sets it): TEKIGO_SOURCE_DIR, TEKIGO_BIN (tekigo),
# TEKIGO_COLLECT_STEPS_AS, TEKIGO_PYTHON3, TEKIGO_PWSH (the PowerShell running the suite).

BeforeDiscovery {
    $factRootNames = 'os', 'browsers', 'software', 'disk', 'network', 'services', 'features'
    $scenarioNames = @(Get-ChildItem (Join-Path $PSScriptRoot 'scenarios') -Filter '*.psd1' |
        Sort-Object Name | ForEach-Object { @{ Scenario = $_.BaseName } })
}

BeforeAll {
    $Source = $env:TEKIGO_SOURCE_DIR
    $CollectPs1 = Join-Path $Source 'collectors/scripts/collect.ps1'
    $Schema = Join-Path $Source 'docs/facts.schema.json'
    $Policy = Join-Path $Source 'tests/fixtures/policies/registry-2020.tkg'
    Import-Module (Join-Path $PSScriptRoot 'RecordedTerminal.psm1') -Force
    Set-RecordingsDirectory (Join-Path $Source 'tests/recordings/windows')

    # The commands that do not exist here (Windows cmdlets and programs, the script's seams)
    # get a body with their parameters first, so that Mock has something to replace and its
    # parameter filters see the arguments; a test that calls one without a mock fails loudly.
    $absent = @{
        'netsh.exe'          = ''
        'Get-NetAdapter'     = ''
        'Get-WmiObject'      = 'param([Parameter(Position = 0)][string]$Class, [string]$Filter)'
        'Get-Service'        = ''
        'Resolve-DnsName'    = 'param([string]$Name, [switch]$DnsOnly)'
        'Test-64BitWindows'  = ''
        'Open-RegistryRoot'  = 'param([Parameter(Position = 0)][string]$Root)'
        'New-SharingManager' = ''
        'Get-TetheringState' = ''
    }
    foreach ($name in $absent.Keys) {
        if (-not (Get-Command $name -ErrorAction SilentlyContinue)) {
            Set-Item -Path "function:global:$name" -Value ([scriptblock]::Create("$($absent[$name]) throw '$name is not mocked'"))
        }
    }

    function Get-Scenario([string]$Name) {
        Import-PowerShellDataFile (Join-Path $PSScriptRoot "scenarios/$Name.psd1")
    }

    # Everything a scenario stands for, mocked in the caller's scope (Pester scopes mocks to
    # the block that defines them). -Registry replaces the scenario's registry roots.
    function Use-Terminal([hashtable]$Scenario, [hashtable]$Registry = $null) {
        if ($null -eq $Registry) {
            $denied = if ($Scenario.ContainsKey('Denied')) { [string[]]$Scenario.Denied } else { [string[]]@() }
            $Registry = New-RecordedRegistry $Scenario.Registry $Scenario.Is64Bit $denied
        }
        $global:RecordedRegistry = $Registry
        $global:RecordedScenario = $Scenario
        Mock Test-64BitWindows { [bool]$global:RecordedScenario.Is64Bit }
        Mock Open-RegistryRoot { param([string]$Root) $r = $global:RecordedRegistry[$Root]; if ($null -eq $r) { throw "no registry root $Root" }; $r }
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.IO.DriveInfo' } {
            $disk = @(Read-RecordingJson $global:RecordedScenario.Disk)[0]
            [pscustomobject]@{ Name = "$($ArgumentList[0])\"; AvailableFreeSpace = [int64]$disk.FreeSpace }
        }
        Mock Get-NetAdapter {
            Read-RecordingJson $global:RecordedScenario.Adapters | ForEach-Object { [pscustomobject]@{ Name = $_.Name; InterfaceDescription = $_.InterfaceDescription } }
        }
        if ($Scenario.NoNetAdapter) {
            Mock Get-Command -ParameterFilter { $Name -eq 'Get-NetAdapter' } { $null }
        }
        Mock Get-WmiObject -ParameterFilter { $Class -eq 'Win32_NetworkAdapter' } {
            Read-RecordingJson $global:RecordedScenario.Adapters | ForEach-Object { [pscustomobject]@{ NetConnectionID = $_.Name; Description = $_.InterfaceDescription } }
        }
        Mock Get-Service { ConvertTo-ServiceObjects (Read-RecordingJson $global:RecordedScenario.Services) }
        Mock netsh.exe {
            $global:LASTEXITCODE = 0
            (Read-RecordingText $global:RecordedScenario.Catalog) -split "`r?`n"
        }
        Mock New-SharingManager { New-RecordedSharingManager (Read-RecordingJson $global:RecordedScenario.Features)[0] }
        Mock Get-TetheringState {
            $state = (Read-RecordingJson $global:RecordedScenario.Features)[0].hotspot
            if ($null -eq $state) { throw 'no Internet connection profile: mobile hotspot state unknown' }
            [string]$state
        }
        Mock Get-Date { [datetime]::new(2026, 12, 4, 9, 30, 0, [DateTimeKind]::Local) }
        $env:PROCESSOR_ARCHITECTURE = $Scenario.Arch
        $env:PROCESSOR_ARCHITEW6432 = $null
        $env:SystemDrive = 'C:'
        $env:COMPUTERNAME = 'RECEPTION-01'
    }

    # A plan with nothing to probe: what the C++ collector's --no-network is to the script,
    # which would otherwise probe the names of the plan.json beside it.
    $NoProbes = Join-Path $TestDrive 'no-probes.plan.json'
    [IO.File]::WriteAllText($NoProbes, '{"schema": "tekigo.plan/1", "names": [], "probes": []}')

    # Runs collect.ps1 and returns the dump it wrote (parsed); without -Plan, -Name or -Tcp it
    # is given the plan with nothing to probe.
    function Invoke-Collect([string]$Out, [string[]]$Arguments = @()) {
        $parameters = @{ Out = $Out }
        if (-not ($Arguments -contains '-Plan' -or $Arguments -contains '-Name' -or $Arguments -contains '-Tcp')) { $parameters['Plan'] = $NoProbes }
        for ($i = 0; $i -lt $Arguments.Count; $i += 2) { $parameters[$Arguments[$i].TrimStart('-')] = $Arguments[$i + 1] }
        & $CollectPs1 @parameters 6>$null | Out-Null
        $bytes = [IO.File]::ReadAllBytes($Out)
        ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) | Should -BeFalse -Because 'the dump is UTF-8 without a byte order mark'
        return ([Text.Encoding]::UTF8.GetString($bytes) | ConvertFrom-Json -AsHashtable -DateKind String)
    }

    # The dump of the C++ collector's Windows steps over the same recordings.
    function Invoke-CppCollect([hashtable]$Scenario, [string]$Directory, [string]$Subject) {
        $stubs = Join-Path $Directory 'stubs'
        Write-StubCommands $stubs $Scenario $env:TEKIGO_PYTHON3 (Join-Path $PSScriptRoot 'reg_exe_stub.py')
        $out = Join-Path $Directory 'cpp.json'
        $path = $env:PATH
        try {
            $env:PATH = "$stubs$([IO.Path]::PathSeparator)$path"
            & $env:TEKIGO_COLLECT_STEPS_AS windows $Subject $out
            $LASTEXITCODE | Should -Be 0
        } finally {
            $env:PATH = $path
        }
        return (Get-Content -Raw -LiteralPath $out | ConvertFrom-Json -AsHashtable -DateKind String)
    }

    # A value with every map's keys in order, as compact JSON: two dumps equal as facts.
    function ConvertTo-CanonicalJson($Value) {
        function Sort-Tree($v) {
            if ($v -is [System.Collections.IDictionary]) {
                $o = [ordered]@{}
                foreach ($k in @($v.Keys | Sort-Object -CaseSensitive)) { $o[$k] = Sort-Tree $v[$k] }
                return $o
            }
            if ($v -is [System.Collections.IList]) { return , @($v | ForEach-Object { Sort-Tree $_ }) }
            return $v
        }
        return (Sort-Tree $Value | ConvertTo-Json -Depth 30 -Compress)
    }

    function Test-Schema([string]$Path) {
        $errors = $null
        $ok = Test-Json -LiteralPath $Path -SchemaFile $Schema -ErrorVariable errors -ErrorAction SilentlyContinue
        if (-not $ok) { throw "$Path does not pass docs/facts.schema.json: $($errors -join '; ')" }
        return $ok
    }

    # `tekigo check --format json` of a dump, without what tells two collections apart.
    function Get-Check([string]$Path) {
        $json = & $env:TEKIGO_BIN check --format json --as-of 2026-12-04 $Policy $Path
        $LASTEXITCODE | Should -BeIn @(0, 1) -Because "tekigo check of $Path judges it (2 would be an error)"
        $report = ($json -join "`n") | ConvertFrom-Json -AsHashtable -DateKind String
        # The dump's file and its digest tell the two apart; the judgement must not.
        foreach ($result in $report.results) { $result.Remove('source'); $result.Remove('sha256') }
        return $report
    }

    function Get-StepErrors($Dump) { @($Dump.collected.errors | ForEach-Object { $_.step }) }

    $FactRoots = 'os', 'browsers', 'software', 'disk', 'network', 'services', 'features'

    # The hosts file the script reads, under $env:SystemRoot.
    function Set-HostsFile([string]$Root, [string[]]$Lines) {
        $etc = [IO.Path]::Combine($Root, 'System32', 'drivers', 'etc')
        New-Item -ItemType Directory -Force -Path $etc | Out-Null
        [IO.File]::WriteAllLines((Join-Path $etc 'hosts'), $Lines)
        $env:SystemRoot = $Root
    }
    Set-HostsFile (Join-Path $TestDrive 'Windows') @('# empty')
}

Describe 'collect.ps1 on the recorded terminal <Scenario>' -ForEach $scenarioNames {
    BeforeAll {
        $terminal = Get-Scenario $Scenario
        $dir = Join-Path $TestDrive $Scenario
        New-Item -ItemType Directory -Force -Path $dir | Out-Null
        Use-Terminal $terminal
        $scriptOut = Join-Path $dir 'script.json'
        $scriptDump = Invoke-Collect $scriptOut @('-Subject', 'reception-01')
        $cppDump = Invoke-CppCollect $terminal $dir 'reception-01'
        $cppOut = Join-Path $dir 'cpp.json'
    }

    It 'writes a dump that passes docs/facts.schema.json' {
        Test-Schema $scriptOut | Should -BeTrue
        Test-Schema $cppOut | Should -BeTrue
    }

    It 'collects every fact root with no collection error' {
        foreach ($root in $FactRoots) { $scriptDump.Keys | Should -Contain $root }
        @($scriptDump.collected.errors) | Should -HaveCount 0
    }

    It 'says <_> as the C++ Windows collector does from the same recordings' -ForEach $factRootNames {
        $cpp = if ($cppDump.ContainsKey($_)) { ConvertTo-CanonicalJson $cppDump[$_] } else { '(absent)' }
        $ps = if ($scriptDump.ContainsKey($_)) { ConvertTo-CanonicalJson $scriptDump[$_] } else { '(absent)' }
        $ps | Should -BeExactly $cpp
    }

    It 'is judged by tekigo check exactly as the C++ collector''s dump' {
        $a = Get-Check $scriptOut
        $b = Get-Check $cppOut
        (ConvertTo-CanonicalJson $a) | Should -BeExactly (ConvertTo-CanonicalJson $b)
    }
}

Describe 'collect.ps1 when Windows says no' {
    BeforeAll {
        $base = Get-Scenario 'win11-23h2'
        # Compares one dump with the C++ collector's over the same scenario, fact root by root.
        function Assert-SameAsCpp([hashtable]$Scenario, [string]$Name, $Dump) {
            $dir = Join-Path $TestDrive "cpp-$Name"
            $cpp = Invoke-CppCollect $Scenario $dir 'reception-01'
            foreach ($root in $FactRoots) {
                $c = if ($cpp.ContainsKey($root)) { ConvertTo-CanonicalJson $cpp[$root] } else { '(absent)' }
                $p = if ($Dump.ContainsKey($root)) { ConvertTo-CanonicalJson $Dump[$root] } else { '(absent)' }
                $p | Should -BeExactly $c -Because "$root of both collectors"
            }
            return $cpp
        }
    }

    It 'a cmdlet that throws leaves its facts out, says why, and the other steps still run' {
        Use-Terminal $base
        Mock Get-Service { throw "Cannot open Service Control Manager on computer '.'. This operation might require other privileges." }
        $dump = Invoke-Collect (Join-Path $TestDrive 'service-throws.json') @('-Subject', 'reception-01')
        $dump.Keys | Should -Not -Contain 'services'
        $dump.collected.errors | Where-Object { $_.step -eq 'services' } | ForEach-Object { $_.message } | Should -Match 'Service Control Manager'
        foreach ($root in 'os', 'software', 'network', 'features', 'disk') { $dump.Keys | Should -Contain $root }
        Test-Schema (Join-Path $TestDrive 'service-throws.json') | Should -BeTrue
    }

    It 'the mobile hotspot state that cannot be read is absent, ICS still said' {
        Use-Terminal $base
        Mock Get-TetheringState { throw 'no Internet connection profile: mobile hotspot state unknown' }
        $dump = Invoke-Collect (Join-Path $TestDrive 'no-profile.json') @('-Subject', 'reception-01')
        $dump.features.Keys | Should -Not -Contain 'mobile_hotspot'
        $dump.features.internet_connection_sharing | Should -BeTrue
        (Get-StepErrors $dump) | Should -Contain 'features.mobile_hotspot'
    }

    It 'a missing <Key> key leaves <Root> out in both collectors (a partial list is not a list)' -ForEach @(
        @{ Key = 'CurrentVersion'; Recording = '*currentversion*'; Root = 'os' }
        @{ Key = 'WOW6432Node Uninstall'; Recording = '*wow6432*'; Root = 'software' }
    ) {
        $scenario = $base.Clone()
        $scenario.Registry = @($base.Registry | Where-Object { $_ -notlike $Recording })
        Use-Terminal $scenario
        $dump = Invoke-Collect (Join-Path $TestDrive "no-$Root.json") @('-Subject', 'reception-01')
        $dump.Keys | Should -Not -Contain $Root
        (Get-StepErrors $dump) | Should -Contain $Root
        $cpp = Assert-SameAsCpp $scenario "no-$Root" $dump
        (Get-StepErrors $cpp) | Should -Contain $Root
    }

    It 'without administrator rights another user''s hive cannot be read: software is unknown, not short' {
        $scenario = $base.Clone()
        $scenario.Denied = @('HKEY_USERS\S-1-5-21-1004336348-1177238915-682003330-1001')
        Use-Terminal $scenario
        $dump = Invoke-Collect (Join-Path $TestDrive 'not-admin.json') @('-Subject', 'reception-01')
        $dump.Keys | Should -Not -Contain 'software'
        ($dump.collected.errors | Where-Object { $_.step -eq 'software' }).message | Should -Match 'registry access is not allowed'
        $cpp = Assert-SameAsCpp $scenario 'not-admin' $dump
        ($cpp.collected.errors | ForEach-Object { $_.message }) -join "`n" | Should -Match 'administrator'
    }

    It 'on a Japanese Windows: culture-independent numbers, Japanese names kept, a localised netsh refused' {
        # netsh prints its labels in the terminal's language. No capture of a Japanese
        # catalog is public: this one is the Lavasoft recording with its labels translated.
        $japanese = Join-Path $TestDrive 'netsh-ja.txt'
        $text = (Read-RecordingText 'netsh-winsock-catalog-lavasoft-fragment.txt') -replace 'Winsock Catalog Provider Entry', 'Winsock カタログ プロバイダー エントリ' -replace 'Entry Type:', 'エントリの種類:' -replace 'Description:', '説明:' -replace 'Provider Path:', 'プロバイダー パス:'
        [IO.File]::WriteAllText($japanese, $text)
        Use-Terminal $base
        Mock netsh.exe { $global:LASTEXITCODE = 0; (Get-Content -Raw -LiteralPath $japanese) -split "`r?`n" }
        Mock Get-Service {
            [pscustomobject]@{ Name = 'wuauserv'; DisplayName = 'Windows Update'; Status = 'Running'; StartType = 'Manual' }
            [pscustomobject]@{ Name = 'SharedAccess'; DisplayName = 'インターネット接続の共有 (ICS)'; Status = 'Stopped'; StartType = 'Disabled' }
        }
        $culture = [Globalization.CultureInfo]::CurrentCulture
        $ui = [Globalization.CultureInfo]::CurrentUICulture
        try {
            [Globalization.CultureInfo]::CurrentCulture = 'ja-JP'
            [Globalization.CultureInfo]::CurrentUICulture = 'ja-JP'
            $ja = Invoke-Collect (Join-Path $TestDrive 'ja.json') @('-Subject', '受付-01')
            [Globalization.CultureInfo]::CurrentCulture = 'de-DE'
            $de = Invoke-Collect (Join-Path $TestDrive 'de.json') @('-Subject', '受付-01')
        } finally {
            [Globalization.CultureInfo]::CurrentCulture = $culture
            [Globalization.CultureInfo]::CurrentUICulture = $ui
        }
        $ja.subject | Should -BeExactly '受付-01'
        ($ja.services | Where-Object { $_.name -eq 'SharedAccess' }).display_name | Should -BeExactly 'インターネット接続の共有 (ICS)'
        $ja.network.Keys | Should -Not -Contain 'layered_service_providers'
        ($ja.collected.errors | Where-Object { $_.step -eq 'network.layered_service_providers' }).message | Should -Match 'localised'
        $ja.collected.at | Should -BeExactly ('2026-12-04T09:30:00' + [datetime]::new(2026, 12, 4).ToString('zzz'))
        (ConvertTo-CanonicalJson $ja) | Should -BeExactly (ConvertTo-CanonicalJson $de)
        $ja.disk.system_free_bytes | Should -Be 5368709120
        Test-Schema (Join-Path $TestDrive 'ja.json') | Should -BeTrue
    }

    It 'where nothing of Windows answers (no mocks: PowerShell on Linux), every step says why and the dump is still written' {
        # A process of its own, with no mock: the registry cannot even be opened.
        $out = Join-Path $TestDrive 'nothing-answers.json'
        $drive = $env:SystemDrive
        try {
            $env:SystemDrive = $null  # as on Linux: no system drive to measure
            $null = & $env:TEKIGO_PWSH -NoLogo -NoProfile -NonInteractive -File $CollectPs1 -Out $out -Plan $NoProbes -Subject 'reception-01' 2>&1
        } finally {
            $env:SystemDrive = $drive
        }
        $LASTEXITCODE | Should -Be 0
        Test-Schema $out | Should -BeTrue
        $dump = Get-Content -Raw -LiteralPath $out | ConvertFrom-Json -AsHashtable
        @($dump.Keys | Sort-Object) | Should -Be @('collected', 'schema', 'subject')
        $steps = Get-StepErrors $dump
        foreach ($step in 'registry', 'os', 'browsers', 'disk', 'software', 'network.proxy', 'network.adapters',
            'network.layered_service_providers', 'services', 'features.internet_connection_sharing', 'features.mobile_hotspot') {
            $steps | Should -Contain $step
        }
    }

    It 'writes to a path with Japanese characters and reads a hosts file under one' {
        Use-Terminal $base
        Set-HostsFile (Join-Path $TestDrive 'ウィンドウズ') @('127.0.0.1 localhost', '10.20.30.40  portal.例え.jp  # 院内', '# 10.0.0.9 commented.example.jp')
        $folder = Join-Path $TestDrive '検査 結果'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $out = Join-Path $folder '受付端末.json'
        $dump = Invoke-Collect $out @('-Subject', '受付-01', '-Name', 'portal.例え.jp')
        Test-Path -LiteralPath $out | Should -BeTrue
        $dump.dns | Should -HaveCount 1
        $dump.dns[0].name | Should -BeExactly 'portal.例え.jp'
        $dump.dns[0].source | Should -BeExactly 'hosts'
        $dump.dns[0].addresses | Should -Be @('10.20.30.40')
        Test-Schema $out | Should -BeTrue
        Set-HostsFile (Join-Path $TestDrive 'Windows') @('# empty')
    }
}

Describe 'collect.ps1 probes: names and TCP ports, against servers this suite starts' {
    BeforeAll {
        Use-Terminal (Get-Scenario 'win10-22h2')
        $open = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $open.Start()
        $openPort = $open.LocalEndpoint.Port
        $gone = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $gone.Start()
        $closedPort = $gone.LocalEndpoint.Port
        $gone.Stop()
        # An https proxy on loopback that answers CONNECT to portal.example.jp only.
        $proxyScript = Join-Path $TestDrive 'connect_proxy.py'
        @'
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    request = c.recv(4096).decode("ascii", "replace")
    ok = request.startswith("CONNECT portal.example.jp:443 ")
    c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n" if ok else b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
    c.close()
'@ | Set-Content -LiteralPath $proxyScript
        $psi = [System.Diagnostics.ProcessStartInfo]::new($env:TEKIGO_PYTHON3, $proxyScript)
        $psi.RedirectStandardOutput = $true
        $proxy = [System.Diagnostics.Process]::Start($psi)
        $proxyPort = [int]$proxy.StandardOutput.ReadLine()
        # The terminal's proxy: HKCU Internet Settings say https=127.0.0.1:PORT.
        $registry = New-RecordedRegistry (Get-Scenario 'win10-22h2').Registry $true
        $settings = $registry.HKCU.OpenSubKey('Software\Microsoft\Windows\CurrentVersion\Internet Settings')
        $settings.Values['ProxyEnable'] = 1
        $settings.Values['ProxyServer'] = "https=127.0.0.1:$proxyPort"
        Use-Terminal (Get-Scenario 'win10-22h2') $registry
        Set-HostsFile (Join-Path $TestDrive 'Windows') @('127.0.0.1 vpn.example.jp')
        Mock Resolve-DnsName -ParameterFilter { $Name -eq 'dns.example.jp' } { [pscustomobject]@{ Name = 'dns.example.jp'; Type = 'A'; IPAddress = '127.0.0.1' } }
        Mock Resolve-DnsName { throw "${Name} : DNS name does not exist" }
        $out = Join-Path $TestDrive 'probes.json'
        $dump = Invoke-Collect $out @('-Subject', 'reception-01', '-Name', 'vpn.example.jp,dns.example.jp,portal.example.jp,nowhere.example.jp',
            '-Tcp', "vpn.example.jp:$openPort,dns.example.jp:$closedPort,vpn.example.jp:70000", '-TimeoutSeconds', '3')
    }
    AfterAll {
        $open.Stop()
        if ($proxy -and -not $proxy.HasExited) { $proxy.Kill() }
    }

    It 'resolves from the hosts file, then the DNS client, then through the proxy, else none' {
        ($dump.dns | ForEach-Object { "$($_.name)=$($_.source):$($_.addresses -join ',')" }) | Should -Be @(
            'vpn.example.jp=hosts:127.0.0.1', 'dns.example.jp=dns:127.0.0.1', 'portal.example.jp=proxy:', 'nowhere.example.jp=none:')
        ($dump.dns | Where-Object { $_.name -eq 'nowhere.example.jp' }).detail | Should -Match 'does not exist'
        ($dump.network.proxy) | Should -BeExactly "http://127.0.0.1:$proxyPort"
    }

    It 'connects over TCP: open, refused is closed, a bad port is an error of its own' {
        ($dump.reach | ForEach-Object { "$($_.host):$($_.port)=$($_.state)" }) | Should -Be @("vpn.example.jp:$openPort=open", "dns.example.jp:$closedPort=closed")
        ($dump.reach | ForEach-Object { $_.address }) | Should -Be @('127.0.0.1', '127.0.0.1')
        ($dump.collected.errors | Where-Object { $_.step -eq 'reach' }).message | Should -Match 'vpn.example.jp:70000 is not host:port'
    }

    It 'writes a dump that passes the schema' {
        Test-Schema $out | Should -BeTrue
    }
}

Describe 'collect.ps1 -Plan: the names and ports a policy needs, from tekigo plan' {
    BeforeAll {
        Use-Terminal (Get-Scenario 'win10-22h2')
        Set-HostsFile (Join-Path $TestDrive 'Windows') @('# empty')
        Mock Resolve-DnsName { [pscustomobject]@{ Name = $Name; Type = 'A'; IPAddress = '127.0.0.1' } }
        # A policy with a third name, which the shipped policy does not have.
        $policy = Join-Path $Source 'tests/collectors/plans/three-names.tkg'
        $planFile = Join-Path $TestDrive 'three-names.plan.json'
        & $env:TEKIGO_BIN plan $policy -o $planFile
        $LASTEXITCODE | Should -Be 0
        $plan = Get-Content -Raw -LiteralPath $planFile | ConvertFrom-Json
        $planTcp = @($plan.probes | Where-Object { $_.protocol -eq 'tcp' } | ForEach-Object { "$($_.host):$($_.port)" })
        # collect.ps1 and the plan beside it, as they are copied to a terminal.
        $copy = Join-Path $TestDrive 'copied'
        New-Item -ItemType Directory -Force -Path $copy | Out-Null
        Copy-Item $CollectPs1 $copy
        function Invoke-Copy([string]$Out, [hashtable]$Parameters) {
            & (Join-Path $copy 'collect.ps1') -Out $Out @Parameters 6>$null 2>$null | Out-Null
        }
    }

    It 'resolves exactly the plan''s names and makes exactly its TCP probes' {
        $plan.names | Should -Contain 'extra.example.jp'
        $out = Join-Path $TestDrive 'plan.json.dump'
        $dump = Invoke-Collect $out @('-Subject', 'reception-01', '-Plan', $planFile, '-TimeoutSeconds', '2')
        @($dump.dns | ForEach-Object { $_.name }) | Should -Be @($plan.names)
        @($dump.reach | ForEach-Object { "$($_.host):$($_.port)" }) | Should -Be $planTcp
        @($dump.reach | Where-Object { $_.protocol -ne 'tcp' }) | Should -HaveCount 0
        Test-Schema $out | Should -BeTrue
    }

    It 'adds -Name and -Tcp to the plan''s, each once' {
        $dump = Invoke-Collect (Join-Path $TestDrive 'plan-plus.json') @('-Subject', 'reception-01', '-Plan', $planFile,
            '-Name', 'extra.example.jp,fourth.example.jp', '-Tcp', 'fourth.example.jp:8080', '-TimeoutSeconds', '2')
        @($dump.dns | ForEach-Object { $_.name }) | Should -Be (@($plan.names) + 'fourth.example.jp')
        @($dump.reach | ForEach-Object { "$($_.host):$($_.port)" }) | Should -Be ($planTcp + 'fourth.example.jp:8080')
    }

    It 'without -Plan, -Name and -Tcp reads plan.json beside itself' {
        $bundled = Join-Path $Source 'collectors/scripts/plan.json'
        Copy-Item $bundled $copy
        $expected = Get-Content -Raw -LiteralPath $bundled | ConvertFrom-Json
        $out = Join-Path $TestDrive 'bundled.json'
        Invoke-Copy $out @{ Subject = 'reception-01'; TimeoutSeconds = 2 }
        $dump = Get-Content -Raw -LiteralPath $out | ConvertFrom-Json
        @($dump.dns | ForEach-Object { $_.name }) | Should -Be @($expected.names)
        @($dump.reach | ForEach-Object { "$($_.host):$($_.port)" }) | Should -Be @($expected.probes | Where-Object { $_.protocol -eq 'tcp' } | ForEach-Object { "$($_.host):$($_.port)" })
        Remove-Item (Join-Path $copy 'plan.json')
    }

    It 'without a plan anywhere probes nothing, and says so' {
        $out = Join-Path $TestDrive 'no-plan.json'
        $err = Join-Path $TestDrive 'no-plan.err'
        & (Join-Path $copy 'collect.ps1') -Out $out -Subject 'reception-01' 6>$null 2>$err | Out-Null
        $dump = Get-Content -Raw -LiteralPath $out | ConvertFrom-Json
        $dump.PSObject.Properties.Name | Should -Not -Contain 'dns'
        $dump.PSObject.Properties.Name | Should -Not -Contain 'reach'
    }

    It 'refuses a plan it cannot read: <Case>, exit 2 and no dump' -ForEach @(
        @{ Case = 'not JSON'; Text = '{"schema": "tekigo.plan/1", "names": ['; Message = 'not JSON' }
        @{ Case = 'another schema'; Text = '{"schema": "tekigo.facts/1.1"}'; Message = 'reads tekigo.plan/1' }
        @{ Case = 'no schema'; Text = '{"names": []}'; Message = 'no "schema"' }
        @{ Case = 'names not a list'; Text = '{"schema": "tekigo.plan/1", "names": "a.example.jp"}'; Message = '"names" is not a list' }
        @{ Case = 'a name with a space'; Text = '{"schema": "tekigo.plan/1", "names": ["a b"]}'; Message = 'is not a host name' }
        @{ Case = 'a port as text'; Text = '{"schema": "tekigo.plan/1", "probes": [{"host": "a.example.jp", "protocol": "tcp", "port": "443"}]}'; Message = 'is not a port number' }
        @{ Case = 'a port out of range'; Text = '{"schema": "tekigo.plan/1", "probes": [{"host": "a.example.jp", "protocol": "tcp", "port": 70000}]}'; Message = 'is not a port number' }
        @{ Case = 'a protocol it does not know'; Text = '{"schema": "tekigo.plan/1", "probes": [{"host": "a.example.jp", "protocol": "sctp", "port": 1}]}'; Message = 'is not tcp or udp' }
        @{ Case = 'no such file'; Text = $null; Message = 'cannot read the file' }
    ) {
        $bad = Join-Path $TestDrive "bad-$($Case -replace ' ', '-').json"
        if ($null -ne $Text) { [IO.File]::WriteAllText($bad, $Text) }
        $out = Join-Path $TestDrive "bad-$($Case -replace ' ', '-').dump"
        # A process of its own, as powershell.exe -File runs it: the plan is read before
        # anything of Windows is touched, and its error goes to the standard error.
        $pwsh = $env:TEKIGO_PWSH
        $err = & $pwsh -NoLogo -NoProfile -NonInteractive -File $CollectPs1 -Out $out -Plan $bad 2>&1
        $LASTEXITCODE | Should -Be 2 -Because ($err -join "`n")
        Test-Path -LiteralPath $out | Should -BeFalse
        ($err -join "`n") | Should -Match ([regex]::Escape("collect.ps1: plan $bad`: "))
        ($err -join "`n") | Should -Match ([regex]::Escape($Message))
    }
}
