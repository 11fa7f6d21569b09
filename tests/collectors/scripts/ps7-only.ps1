# Fixture of tests/collectors/scripts/check_ps51.py: one construct Windows PowerShell 5.1
# lacks per marked line; `# expect: RULE` names what ps51_compat.ps1 must find on that line.
# It is never run.
$a = $null ?? 'default'  # expect: null-coalescing
$a ??= 'x'  # expect: null-coalescing
$n = ${a}?.Length  # expect: null-conditional
$m = ${a}?[0]  # expect: null-conditional
$t = ($a -eq 'x') ? 'yes' : 'no'  # expect: ternary
Get-Item . && Write-Output ok  # expect: pipeline-chain
Get-Item . || Write-Output failed  # expect: pipeline-chain
1..3 | ForEach-Object -Parallel { $_ }  # expect: new-parameter
1..3 | % -ThrottleLimit 2 -Parallel { $_ }  # expect: new-parameter new-parameter
$h = '{}' | ConvertFrom-Json -AsHashtable  # expect: new-parameter
$h = '{}' | ConvertFrom-Json -AsHash  # expect: new-parameter
$bytes = Get-Content -Path x -AsByteStream  # expect: new-parameter
'x' | Out-File -FilePath y -Encoding utf8NoBOM  # expect: new-encoding
'x' | Set-Content -Path y -Encoding:utf8BOM  # expect: new-encoding
$ok = Test-Json -Json '{}'  # expect: new-command
if ($IsWindows) { 'windows' }  # expect: new-variable
$s = "snow `u{2603}"  # expect: unicode-escape
$r = [System.IO.Path]::GetRelativePath('a', 'b')  # expect: core-only-member
$d = [System.Text.Json.JsonDocument]::Parse('{}')  # expect: core-only-type
function F { process { $_ } clean { 'done' } }  # expect: clean-block
# What 5.1 has is not found:
$fine = if ($a) { 'yes' } else { 'no' }
$fine = '{}' | ConvertFrom-Json
'x' | Out-File -FilePath y -Encoding UTF8
1..3 | ForEach-Object { $_ } | Sort-Object -Descending
$fine = [System.IO.Path]::GetFileName('a\b')
$IsWin = $true
