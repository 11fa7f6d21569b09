# A 64-bit Windows 10 22H2 terminal made of the real captures where there are some: the
# CurrentVersion key (REG_SZ values only: no UBR), the WinAppDriver/.NET Uninstall key, a
# Win32_LogicalDisk of Windows PowerShell 5.1, the ASProxy LSP; PowerShell 7's service names;
# a 32-bit Firefox ESR (WOW6432Node) and a per-user Chrome (HKCU).
@{
    Is64Bit  = $true
    Arch     = 'AMD64'
    Registry = @(
        'reg-currentversion-win10-22h2-regsz.txt',
        'reg-uninstall-hklm-winappdriver-appium.txt',
        'synthetic/reg-uninstall-wow6432.txt',
        'synthetic/reg-query-hku.txt',
        'synthetic/reg-hku-user-software.txt',
        'synthetic/reg-internet-settings-pac.txt',
        'synthetic/reg-firefox-wow6432.txt',
        'synthetic/reg-chrome-pv-hkcu.txt'
    )
    Disk     = 'ps51-logicaldisk-win11-serverbox.json'
    Adapters = 'synthetic/ps51-netadapter-single.json'
    Services = 'synthetic/ps7-services.json'
    Features = 'synthetic/ps51-features.json'
    Catalog  = 'netsh-winsock-catalog-asproxy-fragment.txt'
}
