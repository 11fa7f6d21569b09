# RecordedTerminal: a Windows terminal made of recordings, for the Pester suite of
# collectors/scripts/collect.ps1 (collect.Tests.ps1).
#
# A scenario (scenarios/*.psd1) names the recordings of tests/recordings/windows that make one
# terminal: reg.exe query outputs, the JSON of Get-NetAdapter, Get-Service, Win32_LogicalDisk
# and the features probe, and a netsh winsock catalog. From the same scenario this module
#   - builds the registry the script reads through its Open-RegistryRoot seam: every key
#     heading of every reg.exe output becomes a key of the view Windows shows it in
#     (HKLM\SOFTWARE\WOW6432Node\X is SOFTWARE\X of the 32-bit view), with typed values as
#     .NET's RegistryKey.GetValue returns them (REG_DWORD Int32, REG_QWORD Int64, REG_MULTI_SZ
#     String[], REG_BINARY Byte[]);
#   - writes stub reg.exe, powershell.exe and netsh.exe that print those same recordings, for
#     the C++ collector (tekigo-collect-steps-as), so both collectors read one terminal.
# Nothing here knows what the script or the C++ parsers make of the recordings.

Set-StrictMode -Version 3

$script:RecordingsDir = $null

function Set-RecordingsDirectory([string]$Path) { $script:RecordingsDir = $Path }

function Resolve-Recording([string]$Name) {
    $path = Join-Path $script:RecordingsDir $Name
    if (-not (Test-Path -LiteralPath $path)) { throw "recording $Name not found under $script:RecordingsDir" }
    return $path
}

# The text of a recording as the program that printed it meant it: UTF-16LE or UTF-8 by its
# byte order mark, UTF-8 without one.
function Read-RecordingText([string]$Name) {
    $bytes = [IO.File]::ReadAllBytes((Resolve-Recording $Name))
    if ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) {
        return [Text.Encoding]::Unicode.GetString($bytes, 2, $bytes.Length - 2)
    }
    if ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) {
        return [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
    }
    return [Text.Encoding]::UTF8.GetString($bytes)
}

function Read-RecordingJson([string]$Name) {
    return @((Read-RecordingText $Name) | ConvertFrom-Json)
}

# ---- the registry -------------------------------------------------------------------------

# One key, with the members of Microsoft.Win32.RegistryKey that collect.ps1 calls.
class RecordedRegistryKey {
    [string]$Name
    hidden [System.Collections.Specialized.OrderedDictionary]$Values
    hidden [System.Collections.Specialized.OrderedDictionary]$SubKeys
    # When set, opening this key (or a key below it) throws a SecurityException with this
    # message, as Windows does for a key the user may not read.
    [string]$Denied

    RecordedRegistryKey([string]$name) {
        $this.Name = $name
        $this.Values = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::OrdinalIgnoreCase)
        $this.SubKeys = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::OrdinalIgnoreCase)
    }

    [RecordedRegistryKey] Child([string]$part) {
        if (-not $this.SubKeys.Contains($part)) {
            $this.SubKeys[$part] = [RecordedRegistryKey]::new($this.Name + '\' + $part)
        }
        return $this.SubKeys[$part]
    }

    [RecordedRegistryKey] Ensure([string]$path) {
        $key = $this
        foreach ($part in ($path -split '\\' | Where-Object { $_ })) { $key = $key.Child($part) }
        return $key
    }

    [object] OpenSubKey([string]$path) {
        $key = $this
        foreach ($part in ($path -split '\\' | Where-Object { $_ })) {
            if (-not $key.SubKeys.Contains($part)) { return $null }
            $key = $key.SubKeys[$part]
            if ($key.Denied) { throw [System.Security.SecurityException]::new($key.Denied) }
        }
        return $key
    }

    [object] GetValue([string]$valueName, [object]$default) {
        if ($this.Values.Contains($valueName)) { return $this.Values[$valueName] }
        return $default
    }

    [string[]] GetValueNames() { return [string[]]@($this.Values.Keys) }
    [string[]] GetSubKeyNames() { return [string[]]@($this.SubKeys.Keys) }
    [void] Close() { }
}

# A value's data as reg.exe prints it → as GetValue returns it.
function ConvertFrom-RegData([string]$Type, [string]$Data) {
    switch ($Type) {
        'REG_DWORD' { return [int32][BitConverter]::ToInt32([BitConverter]::GetBytes([uint32][Convert]::ToUInt32($Data.Substring(2), 16)), 0) }
        'REG_QWORD' { return [int64][BitConverter]::ToInt64([BitConverter]::GetBytes([uint64][Convert]::ToUInt64($Data.Substring(2), 16)), 0) }
        'REG_MULTI_SZ' { return [string[]]@($Data -split '\\0' | Where-Object { $_ -ne '' }) }
        'REG_BINARY' {
            $bytes = New-Object byte[] ($Data.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($Data.Substring(2 * $i, 2), 16) }
            return , $bytes
        }
        default { return $Data }
    }
}

# The registry of a 64-bit (or 32-bit) Windows made of reg.exe outputs: a hashtable of roots
# by the names Open-RegistryRoot takes (HKLM64, HKLM32, HKLM, HKCU, HKU).
# Keys named in $Denied (full names, "HKEY_USERS\S-1-5-21-…") throw a SecurityException when
# opened, as another user's hive does for a user who is not an administrator.
function New-RecordedRegistry([string[]]$Recordings, [bool]$Is64Bit = $true, [string[]]$Denied = @()) {
    $hklm64 = [RecordedRegistryKey]::new('HKEY_LOCAL_MACHINE')
    $hklm32 = [RecordedRegistryKey]::new('HKEY_LOCAL_MACHINE')
    $roots = @{ 'HKLM64' = $hklm64; 'HKLM32' = $hklm32; 'HKCU' = [RecordedRegistryKey]::new('HKEY_CURRENT_USER'); 'HKU' = [RecordedRegistryKey]::new('HKEY_USERS') }
    foreach ($recording in $Recordings) {
        $keys = @()
        foreach ($line in ((Read-RecordingText $recording) -split "`r?`n")) {
            if ($line -match '^(HKEY_[A-Z_]+)(\\(.*))?$') {
                $hive = $Matches[1]
                $path = if ($Matches[3]) { $Matches[3] } else { '' }
                $keys = @(switch ($hive) {
                    'HKEY_LOCAL_MACHINE' {
                        $in64 = $hklm64.Ensure($path)
                        if ($path -match '^(?i)SOFTWARE\\WOW6432Node(\\(.*))?$') {
                            @($in64, $hklm32.Ensure('SOFTWARE\' + $Matches[2]))
                        } elseif ($path -match '^(?i)SOFTWARE(\\|$)') {
                            @($in64)
                        } else {
                            @($in64, $hklm32.Ensure($path))
                        }
                    }
                    'HKEY_CURRENT_USER' { @($roots['HKCU'].Ensure($path)) }
                    'HKEY_USERS' { @($roots['HKU'].Ensure($path)) }
                    default { throw "${recording}: hive $hive is not one collect.ps1 reads" }
                })
            } elseif ($line -match '^    (.*?)    (REG_[A-Z_]+)(    (.*))?$') {
                if ($keys.Count -eq 0) { throw "${recording}: a value before any key: $line" }
                $valueName = $Matches[1]
                if ($valueName -match '^\(.*\)$') { $valueName = '' }  # "(Default)", localised
                $data = if ($null -ne $Matches[4]) { $Matches[4] } else { '' }
                $value = ConvertFrom-RegData $Matches[2] $data
                foreach ($key in $keys) { $key.Values[$valueName] = $value }
            }
        }
    }
    foreach ($name in $Denied) {
        $hive, $path = $name -split '\\', 2
        $root = @{ 'HKEY_LOCAL_MACHINE' = $hklm64; 'HKEY_CURRENT_USER' = $roots['HKCU']; 'HKEY_USERS' = $roots['HKU'] }[$hive]
        $root.Ensure($path).Denied = 'Requested registry access is not allowed.'
    }
    if (-not $Is64Bit) { return @{ 'HKLM' = $hklm64; 'HKCU' = $roots['HKCU']; 'HKU' = $roots['HKU'] } }
    return $roots
}

# ---- the other Windows APIs, as mock results --------------------------------------------

# Get-Service objects from a recorded `Get-Service | Select-Object Name, DisplayName, Status,
# StartType | ConvertTo-Json`: Windows PowerShell 5.1 writes the enums as numbers
# (ServiceControllerStatus, ServiceStartMode), 7 as names; the objects say names, as the
# enums' ToString() does.
function ConvertTo-ServiceObjects($Recorded) {
    $status = @{ 1 = 'Stopped'; 2 = 'StartPending'; 3 = 'StopPending'; 4 = 'Running'; 5 = 'ContinuePending'; 6 = 'PausePending'; 7 = 'Paused' }
    $start = @{ 0 = 'Boot'; 1 = 'System'; 2 = 'Automatic'; 3 = 'Manual'; 4 = 'Disabled' }
    foreach ($s in $Recorded) {
        $st = if ($s.Status -is [string]) { $s.Status } else { $status[[int]$s.Status] }
        $sm = if ($null -eq $s.StartType -or $s.StartType -is [string]) { $s.StartType } else { $start[[int]$s.StartType] }
        [pscustomobject]@{ Name = $s.Name; DisplayName = $s.DisplayName; Status = $st; StartType = $sm }
    }
}

# The HNetCfg.HNetShare COM object of a recorded features probe ({"ics":[{Name,
# SharingEnabled}…], "hotspot":…}): EnumEveryConnection and
# INetSharingConfigurationForINetConnection, the two members collect.ps1 uses.
function New-RecordedSharingManager($Recorded) {
    $connections = @($Recorded.ics | Where-Object { $null -ne $_ })
    $manager = [pscustomobject]@{ EnumEveryConnection = $connections }
    $configOf = { param($connection) [pscustomobject]@{ SharingEnabled = [bool]$connection.SharingEnabled } }
    $manager | Add-Member -NotePropertyName INetSharingConfigurationForINetConnection -NotePropertyValue $configOf
    return $manager
}

# ---- stub commands for the C++ collector -------------------------------------------------

# Writes reg.exe, powershell.exe and netsh.exe into $Directory: each prints the scenario's
# recording for the query it is given (reg.exe: the recording whose first key is the one
# asked, in the view asked, filtered to /v NAME), and fails as Windows does when there is
# none. $Python runs reg_exe_stub.py.
function Write-StubCommands([string]$Directory, [hashtable]$Scenario, [string]$Python, [string]$RegStub) {
    New-Item -ItemType Directory -Force -Path $Directory | Out-Null
    $registry = @($Scenario.Registry | ForEach-Object { Resolve-Recording $_ })
    if ($Scenario.ContainsKey('Denied')) { $registry += @($Scenario.Denied | ForEach-Object { "denied $_" }) }
    $list = Join-Path $Directory 'registry-recordings.txt'
    [IO.File]::WriteAllLines($list, [string[]]$registry)
    $write = {
        param($name, $body)
        $file = Join-Path $Directory $name
        [IO.File]::WriteAllText($file, "#!/bin/sh`n$body")
        & chmod 0755 $file
    }
    & $write 'reg.exe' ("exec '$Python' '$RegStub' '$list' `"`$@`"`n")
    $cases = @()
    # Without Get-NetAdapter (Windows 7) only a command that falls back to Win32_NetworkAdapter
    # gets the adapters; one that calls Get-NetAdapter alone fails as it would there.
    $adapters = if ($Scenario.ContainsKey('NoNetAdapter') -and $Scenario.NoNetAdapter) { 'Win32_NetworkAdapter' } else { 'Get-NetAdapter' }
    foreach ($pair in @(@('Win32_LogicalDisk', 'Disk'), @($adapters, 'Adapters'), @('Get-Service', 'Services'), @('HNetCfg', 'Features'))) {
        if ($Scenario.ContainsKey($pair[1])) { $cases += "  *$($pair[0])*) cat '$(Resolve-Recording $Scenario[$pair[1]])' ;;" }
    }
    & $write 'powershell.exe' ("case `"`$*`" in`n" + ($cases -join "`n") + "`n  *Get-NetAdapter*) echo `"Get-NetAdapter : The term 'Get-NetAdapter' is not recognized as the name of a cmdlet`" >&2; exit 1 ;;`n  *) echo 'not recorded' >&2; exit 1 ;;`nesac`n")
    if ($Scenario.ContainsKey('Catalog')) {
        & $write 'netsh.exe' "cat '$(Resolve-Recording $Scenario.Catalog)'`n"
    } else {
        & $write 'netsh.exe' "echo 'not recorded' >&2; exit 1`n"
    }
}

Export-ModuleMember -Function Set-RecordingsDirectory, Resolve-Recording, Read-RecordingText, Read-RecordingJson,
    New-RecordedRegistry, ConvertTo-ServiceObjects, New-RecordedSharingManager, Write-StubCommands
