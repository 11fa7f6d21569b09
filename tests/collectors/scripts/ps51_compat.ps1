# Refuses what Windows PowerShell 5.1 lacks, in a script meant to run on it (collect.ps1: Windows
# 10 ships 5.1, and a hospital terminal has nothing newer). Parses the script with PowerShell's
# own parser and walks its syntax tree; run by PowerShell 7 (tests/collectors/scripts/), whose
# parser knows every construct it looks for. docs/collectors.md lists the rules and why.
#
#   pwsh -NoProfile -File ps51_compat.ps1 SCRIPT...
#
# Prints one line per finding, "SCRIPT:LINE:COLUMN: RULE: what — why", then "N findings".
# Exit 0: none; 1: some (a parse error is one, rule parse-error); 2: a script could not be read.
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]] $Paths)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
$L = [System.Management.Automation.Language.TokenKind]

# Cmdlet parameters added after 5.1: cmdlet → parameter → since which version. Matched on the
# full name or on an abbreviation of at least 4 letters (PowerShell takes unique prefixes).
$newParameters = @{
  'ForEach-Object'    = @{ Parallel = '7.0'; ThrottleLimit = '7.0'; TimeoutSeconds = '7.0'; AsJob = '7.0'; UseNewRunspace = '7.1' }
  'ConvertFrom-Json'  = @{ AsHashtable = '6.0'; Depth = '6.2'; NoEnumerate = '7.0'; DateKind = '7.5' }
  'ConvertTo-Json'    = @{ AsArray = '6.2'; EnumsAsStrings = '6.2'; EscapeHandling = '6.2' }
  'Get-Content'       = @{ AsByteStream = '6.0' }
  'Set-Content'       = @{ AsByteStream = '6.0' }
  'Add-Content'       = @{ AsByteStream = '6.0' }
  'Split-Path'        = @{ LeafBase = '6.0'; Extension = '6.0' }
  'Join-Path'         = @{ AdditionalChildPath = '6.0' }
  'Sort-Object'       = @{ Top = '6.0'; Bottom = '6.0'; Stable = '6.0' }
  'Select-String'     = @{ Raw = '7.0'; NoEmphasis = '7.0' }
  'Select-Object'     = @{ SkipIndex = '6.0' }
  'Test-Connection'   = @{ TargetName = '6.0'; TcpPort = '6.0'; Traceroute = '6.0'; MtuSize = '6.0'; Repeat = '6.0' }
  'Invoke-WebRequest' = @{ SkipCertificateCheck = '6.0'; Authentication = '6.0'; Token = '6.0'; SslProtocol = '6.0'; SkipHeaderValidation = '6.0'; Resume = '6.1' }
  'Invoke-RestMethod' = @{ SkipCertificateCheck = '6.0'; Authentication = '6.0'; Token = '6.0'; SslProtocol = '6.0'; SkipHeaderValidation = '6.0'; ResponseHeadersVariable = '6.0'; StatusCodeVariable = '7.0' }
  'Get-ChildItem'     = @{ FollowSymlink = '6.0' }
  'Start-Process'     = @{ Environment = '7.4' }
  'Where-Object'      = @{ Not = '6.1' }
  'Out-String'        = @{ NoNewline = '6.0' }
}
# 5.1's own aliases of those cmdlets.
$aliases = @{
  '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; '?' = 'Where-Object'; 'where' = 'Where-Object'
  'sort' = 'Sort-Object'; 'gc' = 'Get-Content'; 'cat' = 'Get-Content'; 'type' = 'Get-Content'
  'sc' = 'Set-Content'; 'ac' = 'Add-Content'; 'sls' = 'Select-String'; 'select' = 'Select-Object'
  'iwr' = 'Invoke-WebRequest'; 'curl' = 'Invoke-WebRequest'; 'wget' = 'Invoke-WebRequest'
  'irm' = 'Invoke-RestMethod'; 'gci' = 'Get-ChildItem'; 'ls' = 'Get-ChildItem'; 'dir' = 'Get-ChildItem'
  'start' = 'Start-Process'; 'saps' = 'Start-Process'
}
# Commands 5.1 does not have at all.
$newCommands = @{
  'Test-Json' = '6.1'; 'Join-String' = '6.2'; 'Get-Error' = '7.0'; 'ConvertFrom-Markdown' = '6.1'
  'Show-Markdown' = '6.1'; 'Get-MarkdownOption' = '6.1'; 'Set-MarkdownOption' = '6.1'
  'Get-Uptime' = '6.0'; 'Remove-Alias' = '6.0'; 'Remove-Service' = '6.0'
  'Get-ExperimentalFeature' = '6.2'; 'Enable-ExperimentalFeature' = '6.2'
  'Disable-ExperimentalFeature' = '6.2'; 'Get-SecureRandom' = '7.4'
  'ConvertTo-CliXml' = '7.5'; 'ConvertFrom-CliXml' = '7.5'
}
# Automatic variables 5.1 does not set: on 5.1 they are $null, so `if ($IsWindows)` is false on
# Windows — silently wrong rather than an error.
$newVariables = @{
  'IsWindows' = '6.0'; 'IsLinux' = '6.0'; 'IsMacOS' = '6.0'; 'IsCoreCLR' = '6.0'
  'PSStyle' = '7.2'; 'EnabledExperimentalFeatures' = '6.2'
}
# -Encoding values 5.1 does not know (it has UTF8, which writes a BOM, and Byte).
$newEncodings = @{ 'utf8NoBOM' = '6.0'; 'utf8BOM' = '6.0' }
# .NET types of .NET Core only: 5.1 runs on .NET Framework 4.x.
$coreOnlyTypes = @('System.Text.Json', 'System.HashCode', 'System.Range', 'System.Index',
  'System.Span', 'System.ReadOnlySpan', 'System.Memory')
# .NET Core members of Framework types: type → member → why.
$coreOnlyMembers = @{
  'System.IO.Path' = @{ GetRelativePath = '.NET Core 2.0'; Join = '.NET Core 3.0'; TrimEndingDirectorySeparator = '.NET Core 3.0' }
  'System.IO.File' = @{ ReadAllTextAsync = '.NET Core 2.0'; WriteAllTextAsync = '.NET Core 2.0' }
  'System.Convert' = @{ ToHexString = '.NET 5'; FromHexString = '.NET 5' }
}

$script:count = 0
function Find([string] $path, $extent, [string] $rule, [string] $what) {
  $script:count++
  $text = ($extent.Text -split "`n")[0].Trim()
  if ($text.Length -gt 60) { $text = $text.Substring(0, 57) + '...' }
  "{0}:{1}:{2}: {3}: {4} — {5}" -f $path, $extent.StartLineNumber, $extent.StartColumnNumber, $rule, $text, $what
}

function Resolve-TypeName([string] $name) {
  $n = $name.TrimStart('[').TrimEnd(']')
  if ($n -notlike 'System.*') { $n = 'System.' + $n }
  return $n
}

$unreadable = $false
foreach ($path in $Paths) {
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
    [Console]::Error.WriteLine("ps51_compat: ${path}: no such file")
    $unreadable = $true
    continue
  }
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile((Resolve-Path -LiteralPath $path).ProviderPath, [ref] $tokens, [ref] $errors)
  foreach ($e in $errors) { Find $path $e.Extent 'parse-error' $e.Message }

  # Tokens: operators and string escapes.
  foreach ($t in $tokens) {
    switch ($t.Kind) {
      ($L::QuestionQuestion) { Find $path $t.Extent 'null-coalescing' '?? is PowerShell 7.0' }
      ($L::QuestionQuestionEquals) { Find $path $t.Extent 'null-coalescing' '??= is PowerShell 7.0' }
      ($L::QuestionDot) { Find $path $t.Extent 'null-conditional' '?. is PowerShell 7.0' }
      ($L::QuestionLBracket) { Find $path $t.Extent 'null-conditional' '?[] is PowerShell 7.0' }
      ($L::AndAnd) { Find $path $t.Extent 'pipeline-chain' '&& between pipelines is PowerShell 7.0' }
      ($L::OrOr) { Find $path $t.Extent 'pipeline-chain' '|| between pipelines is PowerShell 7.0' }
      ($L::Clean) { Find $path $t.Extent 'clean-block' 'the clean {} block is PowerShell 7.3' }
    }
    if (($t.Kind -eq $L::StringExpandable -or $t.Kind -eq $L::HereStringExpandable) -and $t.Text -match '`u\{') {
      Find $path $t.Extent 'unicode-escape' '"`u{…}" is PowerShell 6.0; 5.1 prints it as is (use [char]0x…)'
    }
  }

  $nodes = $ast.FindAll({ $true }, $true)
  foreach ($n in $nodes) {
    if ($n -is [System.Management.Automation.Language.TernaryExpressionAst]) {
      Find $path $n.Extent 'ternary' 'a ? b : c is PowerShell 7.0 (use if/else)'
    } elseif ($n -is [System.Management.Automation.Language.CommandAst]) {
      $name = $n.GetCommandName()
      if (-not $name) { continue }
      if ($aliases.ContainsKey($name)) { $name = $aliases[$name] }
      foreach ($k in $newCommands.Keys) {
        if ($k -eq $name) { Find $path $n.Extent 'new-command' "$k is PowerShell $($newCommands[$k])" }
      }
      $cmdlet = $newParameters.Keys | Where-Object { $_ -eq $name } | Select-Object -First 1
      foreach ($element in $n.CommandElements) {
        if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
        $given = $element.ParameterName
        if ($cmdlet) {
          foreach ($p in $newParameters[$cmdlet].Keys) {
            if ($p -eq $given -or ($given.Length -ge 4 -and $p.StartsWith($given, [StringComparison]::OrdinalIgnoreCase))) {
              Find $path $element.Extent 'new-parameter' "$cmdlet -$p is PowerShell $($newParameters[$cmdlet][$p])"
            }
          }
        }
        if ($given -eq 'Encoding') {
          $index = [array]::IndexOf($n.CommandElements, $element)
          $value = if ($element.Argument) { $element.Argument } elseif ($index + 1 -lt $n.CommandElements.Count) { $n.CommandElements[$index + 1] } else { $null }
          if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            foreach ($enc in $newEncodings.Keys) {
              if ($enc -eq $value.Value) { Find $path $value.Extent 'new-encoding' "-Encoding $enc is PowerShell $($newEncodings[$enc]) (5.1: UTF8 writes a BOM; write bytes through [IO.File])" }
            }
          }
        }
      }
    } elseif ($n -is [System.Management.Automation.Language.VariableExpressionAst]) {
      $v = $n.VariablePath.UserPath
      foreach ($k in $newVariables.Keys) {
        if ($k -eq $v) { Find $path $n.Extent 'new-variable' "`$$k is set from PowerShell $($newVariables[$k]); on 5.1 it is `$null" }
      }
    } elseif ($n -is [System.Management.Automation.Language.TypeExpressionAst] -or $n -is [System.Management.Automation.Language.TypeConstraintAst]) {
      $type = Resolve-TypeName $n.TypeName.FullName
      foreach ($c in $coreOnlyTypes) {
        if ($type -eq $c -or $type -like "$c.*" -or $type -like "$c``*") { Find $path $n.Extent 'core-only-type' "$type is .NET Core only; 5.1 runs on .NET Framework 4" }
      }
    } elseif ($n -is [System.Management.Automation.Language.InvokeMemberExpressionAst] -and $n.Static -and $n.Expression -is [System.Management.Automation.Language.TypeExpressionAst]) {
      $type = Resolve-TypeName $n.Expression.TypeName.FullName
      $member = $n.Member.Extent.Text
      foreach ($t in $coreOnlyMembers.Keys) {
        if ($t -eq $type) {
          foreach ($m in $coreOnlyMembers[$t].Keys) {
            if ($m -eq $member) { Find $path $n.Extent 'core-only-member' "[$type]::$m is $($coreOnlyMembers[$t][$m]); 5.1 runs on .NET Framework 4" }
          }
        }
      }
    }
  }
}
"$script:count finding$(if ($script:count -ne 1) { 's' })"
if ($unreadable) { exit 2 }
if ($script:count -gt 0) { exit 1 }
exit 0
