# Fixture of tests/collectors/scripts/check_ps51.py: a `using` after code is a parse error.
Write-Output 'code first'
using namespace System.Text  # expect: parse-error
