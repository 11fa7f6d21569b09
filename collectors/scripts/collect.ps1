<#
.SYNOPSIS
  tekigo Windows collector script, for terminals where the tekigo binary is not installed.

.DESCRIPTION
  Writes one fact dump (contract tekigo.facts/1.1, docs/facts.md) as UTF-8 JSON (no BOM) to
  the file given by -Out. Windows PowerShell 5.1 (Windows 7 SP1 needs WMF 5.1), built-in
  cmdlets and .NET only; no modules are imported. Every step runs in its own try/catch: a
  step that fails leaves its facts out and is listed under collected.errors with the error
  message as Windows reported it. Nothing is guessed.

  powershell -NoProfile -ExecutionPolicy Bypass -File collect.ps1 -Out dump.json
  powershell -NoProfile -ExecutionPolicy Bypass -File collect.ps1 -Out dump.json `
      -Subject hospital-a/reception-01 -Name vpn.example.jp,portal.example.jp `
      -Tcp vpn.example.jp:443,portal.example.jp:443

  The names and probes are those of the policy checked against: the names of its resolve
  rules and the hosts and ports of its flow rules, as `tekigo plan POLICY` writes them
  (docs/collectors.md). -Plan FILE reads them from such a plan; -Name and -Tcp add to it.
  Without -Plan, -Name and -Tcp, the script reads plan.json beside itself (the plan of the
  shipped policy). A plan that cannot be read is an error: exit status 2, no dump.

  powershell -NoProfile -ExecutionPolicy Bypass -File collect.ps1 -Out dump.json -Plan revised.plan.json

  DNS names (-Name) are resolved as the terminal does, never through the proxy: the hosts
  file first, then the DNS client (Resolve-DnsName -DnsOnly); a name that does not resolve
  is tried with CONNECT name:443 through the configured https proxy (source "proxy") and is
  otherwise "none". TCP probes (-Tcp host:port) connect directly: connected = open, refused =
  closed, no answer within -TimeoutSeconds = filtered. UDP probes (IKE on 500/4500, DTLS on
  443) are NOT made by this script: those reach entries are left out, so rules that need
  them report unknown. Use the tekigo binary for UDP.

.PARAMETER Out
  The dump file to write (UTF-8 JSON).
.PARAMETER Subject
  Terminal id; defaults to the computer name.
.PARAMETER Plan
  A collection plan (tekigo.plan/1 JSON, from `tekigo plan POLICY`): its names are resolved,
  its TCP probes made (UDP probes are not made by this script).
.PARAMETER Name
  Host names to resolve (dns entries).
.PARAMETER Tcp
  host:port pairs to probe over TCP (reach entries).
.PARAMETER TimeoutSeconds
  Deadline of each network probe.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$Out,
    [string]$Subject = $env:COMPUTERNAME,
    [string]$Plan = '',
    [string[]]$Name = @(),
    [string[]]$Tcp = @(),
    [int]$TimeoutSeconds = 5
)

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'

$CollectorVersion = 'tekigo collect.ps1 0.1.0'
# With -File, "-Name a,b" arrives as the single string "a,b".
$Name = @($Name | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$Tcp = @($Tcp | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

# ---- the plan: the names to resolve and the TCP ports to probe ------------------------------
# A tekigo.plan/1 document: {"schema", "names": [FQDN...], "probes": [{"host", "protocol",
# "port"}...]}. Anything else is refused with what is wrong, before anything is collected.
function Read-CollectionPlan([string]$Path) {
    $text = [IO.File]::ReadAllText($Path, [Text.Encoding]::UTF8)
    try { $document = $text | ConvertFrom-Json } catch { throw "not JSON: $($_.Exception.Message)" }
    if ($null -eq $document -or $document -isnot [System.Management.Automation.PSCustomObject]) { throw 'not a JSON object' }
    $properties = @($document.PSObject.Properties | ForEach-Object { $_.Name })
    if ($properties -notcontains 'schema') { throw 'no "schema"; is this a plan from `tekigo plan`?' }
    if ($document.schema -ne 'tekigo.plan/1') { throw "schema `"$($document.schema)`": this script reads tekigo.plan/1" }
    $names = New-Object System.Collections.ArrayList
    $probes = New-Object System.Collections.ArrayList
    if ($properties -contains 'names') {
        if ($document.names -isnot [System.Array]) { throw '"names" is not a list' }
        foreach ($n in $document.names) {
            if ($n -isnot [string] -or $n -notmatch '^[A-Za-z0-9._-]+$') { throw "`"names`": `"$n`" is not a host name" }
            [void]$names.Add($n)
        }
    }
    if ($properties -contains 'probes') {
        if ($document.probes -isnot [System.Array]) { throw '"probes" is not a list' }
        foreach ($p in $document.probes) {
            if ($p -isnot [System.Management.Automation.PSCustomObject]) { throw '"probes": an entry is not an object' }
            if ($p.host -isnot [string] -or $p.host -notmatch '^[A-Za-z0-9._:-]+$') { throw "`"probes`": host `"$($p.host)`" is not a host name" }
            if (@('tcp', 'udp') -notcontains $p.protocol) { throw "`"probes`": protocol `"$($p.protocol)`" is not tcp or udp" }
            if (($p.port -isnot [int] -and $p.port -isnot [long]) -or $p.port -lt 1 -or $p.port -gt 65535) { throw "`"probes`": port `"$($p.port)`" of $($p.host) is not a port number" }
            if ($p.protocol -eq 'tcp') { [void]$probes.Add(('{0}:{1}' -f $p.host, $p.port)) }
        }
    }
    return @{ 'names' = $names; 'tcp' = $probes }
}

$planFile = $Plan
if (-not $planFile -and $Name.Count -eq 0 -and $Tcp.Count -eq 0) {
    $planFile = Join-Path $PSScriptRoot 'plan.json'
    if (-not (Test-Path -LiteralPath $planFile -PathType Leaf)) {
        [Console]::Error.WriteLine("collect.ps1: no -Plan, -Name or -Tcp, and no $planFile`: no names resolved, no ports probed")
        $planFile = ''
    }
}
if ($planFile) {
    try {
        $planPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($planFile)
        if (-not (Test-Path -LiteralPath $planPath -PathType Leaf)) { throw 'cannot read the file' }
        $planned = Read-CollectionPlan $planPath
    } catch {
        [Console]::Error.WriteLine("collect.ps1: plan $planFile`: $($_.Exception.Message)")
        exit 2
    }
    # The plan's names and TCP probes first, then those of -Name and -Tcp; each once.
    $Name = @(@($planned['names']) + $Name | Select-Object -Unique)
    $Tcp = @(@($planned['tcp']) + $Tcp | Select-Object -Unique)
}
$stepErrors = New-Object System.Collections.ArrayList
$dump = [ordered]@{}
$network = [ordered]@{}

function Add-StepError([string]$Step, [string]$Message) {
    [void]$stepErrors.Add([ordered]@{ 'step' = $Step; 'message' = $Message })
}

# The seams to Windows: each reaches one Windows-only API and nothing else. A command of the
# same name that exists already is kept (the Pester suite, tests/collectors/scripts, mocks
# them on Linux); powershell.exe -NoProfile has none, so on a terminal these are the ones.
if (-not (Get-Command Test-64BitWindows -ErrorAction SilentlyContinue)) {
    function Test-64BitWindows { [Environment]::Is64BitOperatingSystem }
}
# A registry root: HKLM64 and HKLM32 (the two views of a 64-bit Windows, whatever the
# bitness of this PowerShell), HKLM (the only view of a 32-bit Windows), HKCU, HKU.
if (-not (Get-Command Open-RegistryRoot -ErrorAction SilentlyContinue)) {
    function Open-RegistryRoot([string]$Root) {
        switch ($Root) {
            'HKLM64' { return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64) }
            'HKLM32' { return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry32) }
            'HKLM' { return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Default) }
            'HKCU' { return [Microsoft.Win32.Registry]::CurrentUser }
            'HKU' { return [Microsoft.Win32.Registry]::Users }
        }
        throw "no registry root $Root"
    }
}
# Internet Connection Sharing's COM object (HNetCfg.HNetShare).
if (-not (Get-Command New-SharingManager -ErrorAction SilentlyContinue)) {
    function New-SharingManager { New-Object -ComObject HNetCfg.HNetShare }
}
# The mobile hotspot's tethering state (WinRT): On, Off, InTransition or Unknown; throws when
# there is no Internet connection profile to ask.
if (-not (Get-Command Get-TetheringState -ErrorAction SilentlyContinue)) {
    function Get-TetheringState {
        $null = [Windows.Networking.Connectivity.NetworkInformation,Windows.Networking.Connectivity,ContentType=WindowsRuntime]
        $null = [Windows.Networking.NetworkOperators.NetworkOperatorTetheringManager,Windows.Networking.NetworkOperators,ContentType=WindowsRuntime]
        $connectionProfile = [Windows.Networking.Connectivity.NetworkInformation]::GetInternetConnectionProfile()
        if ($null -eq $connectionProfile) { throw 'no Internet connection profile: mobile hotspot state unknown' }
        $tethering = [Windows.Networking.NetworkOperators.NetworkOperatorTetheringManager]::CreateFromConnectionProfile($connectionProfile)
        [string]$tethering.TetheringOperationalState
    }
}

# A registry value, or $null when the key or the value does not exist.
function Get-RegValue($Root, [string]$Path, [string]$ValueName) {
    if ($null -eq $Root) { throw 'the registry could not be opened' }
    $key = $Root.OpenSubKey($Path)
    if ($null -eq $key) { return $null }
    try { return $key.GetValue($ValueName, $null) } finally { $key.Close() }
}

# HKLM in the 64-bit view (a 32-bit PowerShell would otherwise see only WOW6432Node) and
# in the 32-bit view.
# A root that cannot be opened is an error of its own; the steps that read it then fail each in
# its own try/catch, and the dump is still written.
$hklm = $null
$hklm32 = $null
$hkcu = $null
try {
    if (Test-64BitWindows) {
        $hklm = Open-RegistryRoot 'HKLM64'
        $hklm32 = Open-RegistryRoot 'HKLM32'
    } else {
        $hklm = Open-RegistryRoot 'HKLM'
    }
    $hkcu = Open-RegistryRoot 'HKCU'
} catch {
    Add-StepError 'registry' $_.Exception.Message
}

# ---- os -------------------------------------------------------------------------------------
try {
    $cvPath = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $cvKey = $hklm.OpenSubKey($cvPath)
    if ($null -eq $cvKey) { throw "HKLM\$cvPath not found" }
    $cv = @{}
    foreach ($n in $cvKey.GetValueNames()) { $cv[$n] = $cvKey.GetValue($n, $null) }
    $cvKey.Close()
    $os = [ordered]@{ 'family' = 'windows' }

    $buildText = [string]$cv['CurrentBuild']
    if (-not $buildText) { $buildText = [string]$cv['CurrentBuildNumber'] }
    $build = 0
    if (-not [int]::TryParse($buildText, [ref]$build)) { $build = -1 }
    $client = ([string]$cv['InstallationType']) -eq 'Client'
    $major = $cv['CurrentMajorVersionNumber']
    $currentVersion = [string]$cv['CurrentVersion']
    if ($null -eq $major -and $currentVersion -eq '6.3' -and $build -ge 10240) { $major = 10 }

    $version = $null
    if ($null -ne $major) {
        if ([int]$major -eq 10) {
            if ($build -ge 22000 -and $client) { $version = '11' } else { $version = '10' }
        } else {
            Add-StepError 'os.version' "unknown CurrentMajorVersionNumber $major"
        }
    } elseif ($currentVersion -eq '6.1') { $version = '7' }
    elseif ($currentVersion -eq '6.2') { $version = '8' }
    elseif ($currentVersion -eq '6.3') { $version = '8.1' }
    elseif ($currentVersion) { Add-StepError 'os.version' "Windows CurrentVersion $currentVersion is not 7, 8, 8.1, 10 or 11" }

    $productName = [string]$cv['ProductName']
    if ($productName) {
        # ProductName still says "Windows 10 ..." on Windows 11.
        if ($version -eq '11' -and $productName.StartsWith('Windows 10')) { $productName = 'Windows 11' + $productName.Substring(10) }
        $os['name'] = $productName
    }
    if ($version) { $os['version'] = $version }

    if ($version -eq '10' -or $version -eq '11') {
        $release = [string]$cv['DisplayVersion']
        $releaseId = [string]$cv['ReleaseId']
        if (-not $release -and $releaseId -and $releaseId -ne '2009') { $release = $releaseId }
        if (-not $release) {
            $w10 = @{ 10240 = '1507'; 10586 = '1511'; 14393 = '1607'; 15063 = '1703'; 16299 = '1709'; 17134 = '1803';
                      17763 = '1809'; 18362 = '1903'; 18363 = '1909'; 19041 = '2004'; 19042 = '20H2'; 19043 = '21H1';
                      19044 = '21H2'; 19045 = '22H2' }
            $w11 = @{ 22000 = '21H2'; 22621 = '22H2'; 22631 = '23H2'; 26100 = '24H2'; 26200 = '25H2' }
            if ($version -eq '11') { $table = $w11 } else { $table = $w10 }
            if ($table.ContainsKey($build)) { $release = $table[$build] }
        }
        if (-not $release) { $release = $releaseId }
        if ($release) { $os['release'] = $release }
    }

    if ($buildText) {
        $fullBuild = $buildText
        if ($null -ne $cv['UBR']) { $fullBuild = $fullBuild + '.' + [string]([int64]$cv['UBR']) }
        $os['build'] = $fullBuild
    }
    if ($cv['EditionID']) { $os['edition'] = [string]$cv['EditionID'] }

    $csd = [string]$cv['CSDVersion']
    if ($csd) {
        if ($csd -match '(\d+)') { $os['service_pack'] = [int]$Matches[1] }
        else { Add-StepError 'os.service_pack' "CSDVersion '$csd' has no service pack number" }
    } else {
        $os['service_pack'] = 0
    }

    $arch = $env:PROCESSOR_ARCHITEW6432
    if (-not $arch) { $arch = $env:PROCESSOR_ARCHITECTURE }
    switch ($arch) {
        'AMD64' { $os['arch'] = 'x64' }
        'x86' { $os['arch'] = 'x86' }
        'ARM64' { $os['arch'] = 'arm64' }
        'ARM' { $os['arch'] = 'arm' }
        default { Add-StepError 'os.arch' "unknown PROCESSOR_ARCHITECTURE '$arch'" }
    }
    $dump['os'] = $os
} catch {
    Add-StepError 'os' $_.Exception.Message
}

# ---- browsers -------------------------------------------------------------------------------
try {
    $browsers = New-Object System.Collections.ArrayList
    $ie = Get-RegValue $hklm 'SOFTWARE\Microsoft\Internet Explorer' 'svcVersion'
    if (-not $ie) {
        $ieVersion = [string](Get-RegValue $hklm 'SOFTWARE\Microsoft\Internet Explorer' 'Version')
        if ($ieVersion -match '^9\.1\d') {
            # From IE 10 on, Version reads 9.10/9.11; only svcVersion tells the version.
            [void]$browsers.Add([ordered]@{ 'id' = 'ie' })
            Add-StepError 'browsers' "Internet Explorer Version $ieVersion without svcVersion: version unknown"
        } elseif ($ieVersion) {
            $ie = $ieVersion
        }
    }
    if ($ie) { [void]$browsers.Add([ordered]@{ 'id' = 'ie'; 'version' = [string]$ie }) }

    $clients = @(
        @{ 'id' = 'edge'; 'key' = 'SOFTWARE\Microsoft\EdgeUpdate\Clients\{56EB18F8-B008-4CBD-B6D2-8C97FE7E9062}' },
        @{ 'id' = 'chrome'; 'key' = 'SOFTWARE\Google\Update\Clients\{8A69D345-D564-463C-AFF1-A69D9E530F96}' }
    )
    foreach ($client in $clients) {
        $pv = $null
        foreach ($root in @($hklm32, $hklm, $hkcu)) {
            if ($null -eq $root -or $pv) { continue }
            $value = [string](Get-RegValue $root $client['key'] 'pv')
            if ($value -and $value -ne '0.0.0.0') { $pv = $value }
        }
        if ($pv) { [void]$browsers.Add([ordered]@{ 'id' = $client['id']; 'version' = $pv }) }
    }

    $firefox = $null
    foreach ($root in @($hklm, $hklm32)) {
        if ($null -eq $root -or $firefox) { continue }
        $firefox = [string](Get-RegValue $root 'SOFTWARE\Mozilla\Mozilla Firefox' 'CurrentVersion')
    }
    if ($firefox) { [void]$browsers.Add([ordered]@{ 'id' = 'firefox'; 'version' = ($firefox -split ' ')[0] }) }
    $dump['browsers'] = $browsers
} catch {
    Add-StepError 'browsers' $_.Exception.Message
}

# ---- disk -----------------------------------------------------------------------------------
try {
    $drive = New-Object System.IO.DriveInfo ($env:SystemDrive)
    $dump['disk'] = [ordered]@{ 'system_free_bytes' = [int64]$drive.AvailableFreeSpace }
} catch {
    Add-StepError 'disk' $_.Exception.Message
}

# ---- software -------------------------------------------------------------------------------
try {
    $software = New-Object System.Collections.ArrayList
    $seen = @{}
    $uninstall = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
    # A list missing a hive would make its programs look absent for certain: when a hive
    # cannot be read, software is left out (rules read unknown) and the error says why.
    # HKLM's Uninstall key is always there; a user's is there once the user installed a
    # program for themselves.
    $complete = $true
    $hives = New-Object System.Collections.ArrayList
    [void]$hives.Add(@($hklm, $uninstall, $true))
    if ($null -ne $hklm32) { [void]$hives.Add(@($hklm32, $uninstall, $true)) }
    $users = Open-RegistryRoot 'HKU'
    foreach ($sid in $users.GetSubKeyNames()) {
        if (($sid -like 'S-1-5-21-*' -or $sid -like 'S-1-12-1-*') -and $sid -notlike '*_Classes') {
            [void]$hives.Add(@($users, "$sid\$uninstall", $false))
        }
    }
    foreach ($hive in $hives) {
        $root = $hive[0]
        $path = $hive[1]
        try {
            $key = $root.OpenSubKey($path)
            if ($null -eq $key) {
                if ($hive[2]) { throw 'key not found' }
                continue
            }
            foreach ($sub in $key.GetSubKeyNames()) {
                $entry = $key.OpenSubKey($sub)
                if ($null -eq $entry) { continue }
                try {
                    $displayName = [string]$entry.GetValue('DisplayName', $null)
                    if (-not $displayName) { continue }
                    if ([string]$entry.GetValue('ParentKeyName', $null)) { continue }
                    $releaseType = [string]$entry.GetValue('ReleaseType', $null)
                    if (@('Update', 'Hotfix', 'Security Update') -contains $releaseType) { continue }
                    $displayVersion = [string]$entry.GetValue('DisplayVersion', $null)
                    $publisher = [string]$entry.GetValue('Publisher', $null)
                    $id = $displayName + [char]1 + $displayVersion + [char]1 + $publisher
                    if ($seen.ContainsKey($id)) { continue }
                    $seen[$id] = $true
                    $item = [ordered]@{ 'name' = $displayName }
                    if ($displayVersion) { $item['version'] = $displayVersion }
                    if ($publisher) { $item['publisher'] = $publisher }
                    [void]$software.Add($item)
                } finally {
                    $entry.Close()
                }
            }
            $key.Close()
        } catch {
            $complete = $false
            Add-StepError 'software' ("{0}\{1}: {2}" -f $root.Name, $path, $_.Exception.Message)
        }
    }
    if ($complete) { $dump['software'] = $software }
} catch {
    Add-StepError 'software' $_.Exception.Message
}

# ---- network.proxy (WinINET, the browser user's https proxy) --------------------------------
$proxyUrl = $null
try {
    $settings = 'Software\Microsoft\Windows\CurrentVersion\Internet Settings'
    $proxyEnable = Get-RegValue $hkcu $settings 'ProxyEnable'
    $proxyServer = [string](Get-RegValue $hkcu $settings 'ProxyServer')
    $autoConfig = [string](Get-RegValue $hkcu $settings 'AutoConfigURL')
    if ($proxyEnable -eq 1 -and $proxyServer) {
        $chosen = $null
        if ($proxyServer.Contains('=')) {
            foreach ($part in $proxyServer.Split(';')) {
                $kv = $part.Split('=', 2)
                if ($kv.Count -eq 2 -and $kv[0].Trim() -eq 'https') { $chosen = $kv[1].Trim() }
            }
        } else {
            $chosen = $proxyServer.Split(';')[0].Trim()
        }
        if ($chosen) {
            if ($chosen.Contains('://')) { $proxyUrl = $chosen } else { $proxyUrl = 'http://' + $chosen }
        }
    }
    if ($proxyUrl) { $network['proxy'] = $proxyUrl }
    elseif ($autoConfig) { $network['proxy'] = 'pac+' + $autoConfig.Trim() }
    else { $network['proxy'] = $null }
} catch {
    Add-StepError 'network.proxy' $_.Exception.Message
}

# ---- network.adapters -----------------------------------------------------------------------
try {
    $adapters = New-Object System.Collections.ArrayList
    if (Get-Command Get-NetAdapter -ErrorAction SilentlyContinue) {
        foreach ($a in @(Get-NetAdapter)) {
            $item = [ordered]@{ 'name' = [string]$a.Name }
            if ($a.InterfaceDescription) { $item['description'] = [string]$a.InterfaceDescription }
            [void]$adapters.Add($item)
        }
    } else {
        # Windows 7: no Get-NetAdapter; connections are the adapters with a NetConnectionID.
        foreach ($a in @(Get-WmiObject Win32_NetworkAdapter -Filter 'NetConnectionID IS NOT NULL')) {
            $item = [ordered]@{ 'name' = [string]$a.NetConnectionID }
            if ($a.Description) { $item['description'] = [string]$a.Description }
            [void]$adapters.Add($item)
        }
    }
    $network['adapters'] = $adapters
} catch {
    Add-StepError 'network.adapters' $_.Exception.Message
}

# ---- network.layered_service_providers (netsh, English labels) ------------------------------
try {
    $catalog = & netsh.exe winsock show catalog | Out-String
    if ($LASTEXITCODE -ne 0) { throw "netsh winsock show catalog: exit status $LASTEXITCODE" }
    if ($catalog -notmatch 'Winsock Catalog Provider Entry') {
        throw 'netsh winsock show catalog: output not recognised (localised Windows?)'
    }
    $windowsDlls = @('mswsock.dll', 'rsvpsp.dll', 'wshqos.dll', 'vsocklib.dll', 'wshbth.dll', 'wship6.dll', 'wshtcpip.dll')
    $lsps = New-Object System.Collections.ArrayList
    $lspSeen = @{}
    $entries = $catalog -split 'Winsock Catalog Provider Entry|Name Space Provider Entry'
    foreach ($block in $entries) {
        if ($block -notmatch 'Entry Type:') { continue }
        $fields = @{}
        foreach ($line in ($block -split "`r?`n")) {
            $i = $line.IndexOf(':')
            if ($i -gt 0) { $fields[$line.Substring(0, $i).Trim()] = $line.Substring($i + 1).Trim() }
        }
        $type = [string]$fields['Entry Type']
        $chain = [string]$fields['Protocol Chain Length']
        if (-not ($type -like '*Layered*' -or ($chain -and $chain -ne '1'))) { continue }
        $lspPath = [string]$fields['Provider Path']
        $dll = ($lspPath -split '\\')[-1].ToLowerInvariant()
        if ($lspPath -match '(?i)\\system32\\' -and $windowsDlls -contains $dll) { continue }
        $lspName = [string]$fields['Description']
        if (-not $lspName -or $lspSeen.ContainsKey($lspName + '|' + $lspPath)) { continue }
        $lspSeen[$lspName + '|' + $lspPath] = $true
        $item = [ordered]@{ 'name' = $lspName }
        if ($lspPath) { $item['path'] = $lspPath }
        [void]$lsps.Add($item)
    }
    $network['layered_service_providers'] = $lsps
} catch {
    Add-StepError 'network.layered_service_providers' $_.Exception.Message
}

# ---- services -------------------------------------------------------------------------------
try {
    $services = New-Object System.Collections.ArrayList
    foreach ($s in @(Get-Service)) {
        $status = [string]$s.Status
        if (@('Running', 'StartPending', 'ContinuePending', 'PausePending', 'Paused') -contains $status) { $state = 'running' }
        elseif (@('Stopped', 'StopPending') -contains $status) { $state = 'stopped' }
        else { Add-StepError 'services' ("{0}: unknown status {1}" -f $s.Name, $status); continue }
        $item = [ordered]@{ 'name' = [string]$s.Name }
        if ($s.DisplayName) { $item['display_name'] = [string]$s.DisplayName }
        $item['state'] = $state
        $startType = ''
        if ($s.PSObject.Properties['StartType']) { $startType = [string]$s.StartType }
        switch ($startType) {
            'Automatic' { $item['start'] = 'auto' }
            'AutomaticDelayedStart' { $item['start'] = 'auto' }
            'Boot' { $item['start'] = 'auto' }
            'System' { $item['start'] = 'auto' }
            'Manual' { $item['start'] = 'manual' }
            'Disabled' { $item['start'] = 'disabled' }
            default { }
        }
        [void]$services.Add($item)
    }
    $dump['services'] = $services
} catch {
    Add-StepError 'services' $_.Exception.Message
}

# ---- features -------------------------------------------------------------------------------
$features = [ordered]@{}
try {
    $share = New-SharingManager
    $sharing = $false
    foreach ($connection in @($share.EnumEveryConnection)) {
        $config = $share.INetSharingConfigurationForINetConnection.Invoke($connection)
        if ($config.SharingEnabled) { $sharing = $true }
    }
    $features['internet_connection_sharing'] = $sharing
} catch {
    Add-StepError 'features.internet_connection_sharing' $_.Exception.Message
}
try {
    $tetherState = Get-TetheringState
    if ($tetherState -eq 'On') { $features['mobile_hotspot'] = $true }
    elseif ($tetherState -eq 'Off') { $features['mobile_hotspot'] = $false }
    else { Add-StepError 'features.mobile_hotspot' "tethering state $tetherState" }
} catch {
    Add-StepError 'features.mobile_hotspot' $_.Exception.Message
}
if ($features.Count -gt 0) { $dump['features'] = $features }

# ---- dns ------------------------------------------------------------------------------------
$resolved = @{}
if ($Name.Count -gt 0) {
    $dns = New-Object System.Collections.ArrayList
    $hostsEntries = @{}
    try {
        $hostsFile = [IO.Path]::Combine($env:SystemRoot, 'System32', 'drivers', 'etc', 'hosts')
        foreach ($line in [IO.File]::ReadAllLines($hostsFile)) {
            $text = ($line -split '#', 2)[0].Trim()
            if (-not $text) { continue }
            $parts = $text -split '\s+'
            for ($i = 1; $i -lt $parts.Count; $i++) {
                $h = $parts[$i].TrimEnd('.').ToLowerInvariant()
                if (-not $hostsEntries.ContainsKey($h)) { $hostsEntries[$h] = New-Object System.Collections.ArrayList }
                [void]$hostsEntries[$h].Add($parts[0])
            }
        }
    } catch {
        Add-StepError 'dns' ("hosts file: " + $_.Exception.Message)
    }
    foreach ($n in $Name) {
        try {
            $key = $n.TrimEnd('.').ToLowerInvariant()
            if ($hostsEntries.ContainsKey($key)) {
                $addresses = New-Object System.Collections.ArrayList
                foreach ($a in $hostsEntries[$key]) { [void]$addresses.Add([string]$a) }
                [void]$dns.Add([ordered]@{ 'name' = $n; 'source' = 'hosts'; 'addresses' = $addresses })
                $resolved[$n] = $addresses[0]
                continue
            }
            $addresses = New-Object System.Collections.ArrayList
            $failure = $null
            try {
                if (Get-Command Resolve-DnsName -ErrorAction SilentlyContinue) {
                    foreach ($r in @(Resolve-DnsName -Name $n -DnsOnly -ErrorAction Stop)) {
                        if ($r.PSObject.Properties['IPAddress'] -and $r.IPAddress -and -not $addresses.Contains([string]$r.IPAddress)) {
                            [void]$addresses.Add([string]$r.IPAddress)
                        }
                    }
                } else {
                    foreach ($ip in [System.Net.Dns]::GetHostAddresses($n)) { [void]$addresses.Add($ip.ToString()) }
                }
            } catch {
                $failure = $_.Exception.Message
            }
            if ($addresses.Count -gt 0) {
                [void]$dns.Add([ordered]@{ 'name' = $n; 'source' = 'dns'; 'addresses' = $addresses })
                $resolved[$n] = $addresses[0]
                continue
            }
            # Not resolvable directly: does the proxy resolve it (CONNECT name:443)?
            $viaProxy = $false
            if ($proxyUrl) {
                try {
                    $proxy = New-Object System.Uri $proxyUrl
                    $client = New-Object System.Net.Sockets.TcpClient
                    $wait = $client.BeginConnect($proxy.Host, $proxy.Port, $null, $null)
                    if ($wait.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
                        $client.EndConnect($wait)
                        $stream = $client.GetStream()
                        $stream.ReadTimeout = $TimeoutSeconds * 1000
                        $request = [Text.Encoding]::ASCII.GetBytes("CONNECT ${n}:443 HTTP/1.1`r`nHost: ${n}:443`r`n`r`n")
                        $stream.Write($request, 0, $request.Length)
                        $buffer = New-Object byte[] 512
                        $count = $stream.Read($buffer, 0, $buffer.Length)
                        $answer = [Text.Encoding]::ASCII.GetString($buffer, 0, $count)
                        if ($answer -match '^HTTP/1\.[01] 2\d\d') { $viaProxy = $true }
                    }
                    $client.Close()
                } catch {
                    $viaProxy = $false
                }
            }
            $item = [ordered]@{ 'name' = $n; 'addresses' = (New-Object System.Collections.ArrayList) }
            if ($viaProxy) { $item['source'] = 'proxy'; $item['detail'] = "CONNECT ${n}:443 through $proxyUrl succeeded" }
            else { $item['source'] = 'none'; if ($failure) { $item['detail'] = $failure } }
            [void]$dns.Add($item)
        } catch {
            Add-StepError 'dns' ("{0}: {1}" -f $n, $_.Exception.Message)
        }
    }
    $dump['dns'] = $dns
}

# ---- reach (TCP only) -----------------------------------------------------------------------
if ($Tcp.Count -gt 0) {
    $reach = New-Object System.Collections.ArrayList
    foreach ($target in $Tcp) {
        try {
            $i = $target.LastIndexOf(':')
            $port = 0
            if ($i -lt 1 -or -not [int]::TryParse($target.Substring($i + 1), [ref]$port) -or $port -lt 1 -or $port -gt 65535) {
                throw "-Tcp $target is not host:port"
            }
            $targetHost = $target.Substring(0, $i)
            $address = $targetHost
            if ($resolved.ContainsKey($targetHost)) { $address = $resolved[$targetHost] }
            $item = [ordered]@{ 'host' = $targetHost; 'protocol' = 'tcp'; 'port' = $port }
            if ($address -ne $targetHost) { $item['address'] = $address }
            $client = New-Object System.Net.Sockets.TcpClient
            try {
                $wait = $client.BeginConnect($address, $port, $null, $null)
                if (-not $wait.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
                    $item['state'] = 'filtered'
                    $item['detail'] = "no answer within $TimeoutSeconds s"
                } else {
                    try {
                        $client.EndConnect($wait)
                        $item['state'] = 'open'
                        $item['detail'] = 'connected'
                    } catch {
                        $inner = $_.Exception
                        while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
                        if ($inner -is [System.Net.Sockets.SocketException] -and $inner.SocketErrorCode -eq 'ConnectionRefused') {
                            $item['state'] = 'closed'
                        } elseif ($inner -is [System.Net.Sockets.SocketException] -and $inner.SocketErrorCode -eq 'TimedOut') {
                            $item['state'] = 'filtered'
                        } else {
                            $item['state'] = 'error'
                        }
                        $item['detail'] = $inner.Message
                    }
                }
            } finally {
                $client.Close()
            }
            [void]$reach.Add($item)
        } catch {
            Add-StepError 'reach' ("{0}: {1}" -f $target, $_.Exception.Message)
        }
    }
    $dump['reach'] = $reach
}

# ---- the dump -------------------------------------------------------------------------------
if ($network.Count -gt 0) { $dump['network'] = $network }
if (-not $Subject) { $Subject = 'unknown-windows' }
$result = [ordered]@{
    'schema' = 'tekigo.facts/1.1'
    'subject' = $Subject
    'collected' = [ordered]@{
        'at' = (Get-Date).ToString("yyyy-MM-dd'T'HH:mm:sszzz", [Globalization.CultureInfo]::InvariantCulture)
        'by' = $CollectorVersion
        'errors' = $stepErrors
    }
}
foreach ($k in $dump.Keys) { $result[$k] = $dump[$k] }
$json = $result | ConvertTo-Json -Depth 8
$outPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Out)
[IO.File]::WriteAllText($outPath, $json, (New-Object System.Text.UTF8Encoding($false)))
Write-Host ("tekigo: wrote {0} ({1} collection errors)" -f $outPath, $stepErrors.Count)
