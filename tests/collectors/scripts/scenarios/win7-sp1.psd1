# A 64-bit Windows 7 SP1 terminal (synthetic): IE 8, no proxy, no Get-NetAdapter (the
# adapters come from Win32_NetworkAdapter), one service, the base Winsock providers only.
@{
    Is64Bit         = $true
    Arch            = 'AMD64'
    NoNetAdapter    = $true
    Registry        = @(
        'synthetic/reg-currentversion-win7-sp1.txt',
        'synthetic/reg-uninstall-hklm.txt',
        'synthetic/reg-uninstall-wow6432.txt',
        'synthetic/reg-query-hku.txt',
        'synthetic/reg-hku-user-software.txt',
        'synthetic/reg-ie8-win7.txt',
        'synthetic/reg-internet-settings-direct.txt'
    )
    Disk            = 'synthetic/ps51-disk.json'
    Adapters        = 'synthetic/ps51-netadapter-single.json'
    Services        = 'synthetic/ps51-service-single.json'
    Features        = 'synthetic/ps51-features.json'
    Catalog         = 'netsh-winsock-catalog-base-fragment.txt'
}
