# A 64-bit Windows 11 23H2 terminal (synthetic recordings): programs in the 64-bit and 32-bit
# Uninstall keys and in one user's hive, IE 11, Edge in WOW6432Node, a per-protocol proxy,
# three adapters, a Japanese Ethernet name, the Lavasoft LSP, ICS on one connection.
@{
    Is64Bit  = $true
    Arch     = 'AMD64'
    Registry = @(
        'synthetic/reg-currentversion-win11-23h2.txt',
        'synthetic/reg-uninstall-hklm.txt',
        'synthetic/reg-uninstall-wow6432.txt',
        'synthetic/reg-query-hku.txt',
        'synthetic/reg-uninstall-hku.txt',
        'synthetic/reg-ie-win10.txt',
        'synthetic/reg-edge-pv.txt',
        'synthetic/reg-internet-settings-proxy.txt'
    )
    Disk     = 'synthetic/ps51-disk.json'
    Adapters = 'synthetic/ps51-netadapter.json'
    Services = 'synthetic/ps51-services.json'
    Features = 'synthetic/ps51-features.json'
    Catalog  = 'netsh-winsock-catalog-lavasoft-fragment.txt'
}
