#!/usr/bin/python3
"""Generates realistic fact dumps (contract tekigo.facts/1) of hospital terminals, for the
benchmarks in bench/ (see docs/performance.md).

Every terminal gets 150-400 installed programs drawn from pools of real Windows or macOS
program names, publishers and versions (Office and its MSI components, Visual C++
redistributables of many years, drivers, printer drivers, Adobe, Java, 7-Zip, Chrome, Edge,
Japanese IMEs, electronic medical record clients, PACS viewers, AnyConnect 4.9.05042, Soliton
KeyManager 2.0.1, ...), plus os, browsers, disk, dns, reach, network, features, services and
attested facts, and is built to come out of policies/gan-touroku-online.tkg with an intended
verdict:

  pass    ~35%  a supported OS/browser, everything installed and reachable
  warn    ~27%  Windows 7 SP1, a CATV/mobile/ISDN line, AnyConnect or KeyManager not (yet) the
                documented version, a changed address for mio, a leased line via a data centre
  fail    ~25%  an old Windows 10 release, conflicting software (iTunes, Kaspersky 6, OpenVPN,
                VirtualBox, ...), ICS or RRAS on, sec.ccr resolving only through the proxy,
                UDP 4500 filtered, Safari-only macOS 10.13, Windows RT, a full disk, ...
  unknown ~13%  facts missing (a collection step failed or was skipped), a probe error, an
                unreadable Windows release

Every software version starts with a digit: tekigo currently rejects a whole dump whose
software[].version does not (e.g. "E84.10"), although the contract allows any text; see
docs/performance.md. The dumps are meant to measure checks, not errors.

--era 2024 makes terminals of late 2024 instead, for a revision of the policy: Windows 10 22H2
and Windows 11 21H2/22H2/23H2/24H2 (real builds and editions, Windows 11 SE among them), macOS
12-15, Cisco Secure Client 5.1 beside AnyConnect 4.10 (and the old 4.9), Edge and Chrome 129-131,
Microsoft 365 Apps, .NET 8, the 2015-2022 runtimes and the other programs of the time. Its
categories (CATEGORIES_2024) intend the verdicts of a revision for the era; none ships with
tekigo. --resolve NAME=ADDRESS and --probe HOST:PROTO/PORT add to every dump the lookups and
probes a collector run with a policy that names them would record (a new name of a revision).
The default era's output is the same as before these options existed.

The same --seed gives byte-identical output. Output: a directory of .json files (--out-dir), a
JSON Lines file (--jsonl, "-" for stdout), or both. --expect FILE writes one JSON line per
terminal with its source and intended verdict, which `bench/run_bench.sh` compares with
what `tekigo check --format jsonl` reports.

Usage:
  bench/generate_dumps.py --count 10000 --seed 1 --out-dir /tmp/dumps --jsonl /tmp/dumps.jsonl
  bench/generate_dumps.py --count 1 --seed 7 --category pass_win10 --software 300 --out-dir d/
  bench/generate_dumps.py --era 2024 --count 2000 --resolve portal.example.jp=192.0.2.8 --jsonl f.jsonl
"""

import argparse
import json
import os
import random
import sys

# ----------------------------------------------------------------------------- categories

# (category, intended verdict, weight in per mille)
CATEGORIES = [
    ("pass_win10", "pass", 255),
    ("pass_win81", "pass", 25),
    ("pass_mac_1012", "pass", 25),
    ("pass_mac_chrome", "pass", 45),
    ("warn_win7", "warn", 75),
    ("warn_line", "warn", 55),
    ("warn_leased_datacenter", "warn", 15),
    ("warn_anyconnect", "warn", 55),
    ("warn_keymanager", "warn", 25),
    ("warn_mio_address", "warn", 45),
    ("fail_release", "fail", 55),
    ("fail_software", "fail", 70),
    ("fail_ics_vm", "fail", 25),
    ("fail_rras", "fail", 15),
    ("fail_proxy", "fail", 25),
    ("fail_udp4500", "fail", 25),
    ("fail_mac_safari_only", "fail", 10),
    ("fail_rt", "fail", 5),
    ("fail_disk", "fail", 5),
    ("fail_line", "fail", 5),
    ("fail_lsp", "fail", 5),
    ("fail_attested", "fail", 5),
    ("unknown_software", "unknown", 30),
    ("unknown_disk", "unknown", 15),
    ("unknown_offline", "unknown", 35),
    ("unknown_probe_error", "unknown", 25),
    ("unknown_leased_line", "unknown", 10),
    ("unknown_release", "unknown", 15),
]
assert sum(w for _, _, w in CATEGORIES) == 1000
INTENDED = {name: verdict for name, verdict, _ in CATEGORIES}

MIO, SEC = "mio.ccr.ncc.go.jp", "sec.ccr.ncc.go.jp"
MIO_ADDR, SEC_ADDR = "133.162.82.105", "219.97.232.64"

# ----------------------------------------------------------------------------- software pools

MS = "Microsoft Corporation"


def vcredist_pool():
    """Visual C++ redistributables: many years, x86 and x64, as their Uninstall keys name them."""
    out = []
    for v in ["8.0.50727.42", "8.0.50727.762", "8.0.56336", "8.0.61001"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2005 Redistributable ({a})" if a == "x64" else
                        "Microsoft Visual C++ 2005 Redistributable", v, MS))
    for v in ["9.0.21022", "9.0.30729", "9.0.30729.4148", "9.0.30729.6161"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2008 Redistributable - {a} {v}", v, MS))
    for v in ["10.0.30319", "10.0.40219"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2010  {a} Redistributable - {v}", v, MS))
    for v in ["11.0.50727", "11.0.51106", "11.0.60610", "11.0.61030"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2012 Redistributable ({a}) - {v}", v + ".0", MS))
            out.append((f"Microsoft Visual C++ 2012 {a.upper()} Minimum Runtime - {v}", v, MS))
            out.append((f"Microsoft Visual C++ 2012 {a.upper()} Additional Runtime - {v}", v, MS))
    for v in ["12.0.21005", "12.0.30501", "12.0.40660", "12.0.40664"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2013 Redistributable ({a}) - {v}", v + ".0", MS))
            out.append((f"Microsoft Visual C++ 2013 {a} Minimum Runtime - {v}", v, MS))
            out.append((f"Microsoft Visual C++ 2013 {a} Additional Runtime - {v}", v, MS))
    for label, v in [("2015", "14.0.23026"), ("2015", "14.0.24215"), ("2017", "14.16.27033"),
                     ("2015-2019", "14.20.27508"), ("2015-2019", "14.24.28127"),
                     ("2015-2019", "14.26.28720"), ("2015-2019", "14.27.29016"),
                     ("2015-2019", "14.28.29325"), ("2015-2019", "14.28.29334")]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ {label} Redistributable ({a}) - {v}", v + ".2", MS))
            year = "2019" if label == "2015-2019" else label
            out.append((f"Microsoft Visual C++ {year} {a.upper()} Minimum Runtime - {v}", v, MS))
            out.append((f"Microsoft Visual C++ {year} {a.upper()} Additional Runtime - {v}", v, MS))
    return out


def office_pool(year, version, lang="Japanese"):
    """An MSI Office install registers a product entry plus dozens of component entries."""
    out = [(f"Microsoft Office Professional Plus {year}", version, MS),
           (f"Microsoft Office 32-bit Components {year}", version, MS),
           (f"Microsoft Office 64-bit Components {year}", version, MS),
           (f"Microsoft Office Shared 32-bit MUI ({lang}) {year}", version, MS),
           (f"Microsoft Office Shared 64-bit MUI ({lang}) {year}", version, MS),
           (f"Microsoft Office Shared Setup Metadata MUI (English) {year}", version, MS),
           (f"Microsoft Office Proofing ({lang}) {year}", version, MS),
           (f"Microsoft Office Proofing Tools {year} - English", version, MS),
           (f"Microsoft Office Proofing Tools {year} - 日本語", version, MS),
           (f"Microsoft Office Proofing Tools {year} - 한국어", version, MS),
           (f"Microsoft Office IME (Japanese) {year}", version, MS),
           (f"Microsoft Office OSM MUI ({lang}) {year}", version, MS),
           (f"Microsoft Office OSM UX MUI ({lang}) {year}", version, MS),
           (f"Microsoft Access database engine {year} ({lang})", "16.0.4519.1000", MS)]
    for app in ["Excel", "Word", "PowerPoint", "Outlook", "Access", "Publisher", "OneNote",
                "InfoPath", "Groove", "DCF", "Skype for Business", "Access Setup Metadata"]:
        out.append((f"Microsoft {app} MUI ({lang}) {year}", version, MS))
    return out


WINDOWS_COMMON = [
    ("Microsoft Edge", "{edge}", MS),
    ("Microsoft Edge Update", "1.3.139.59", None),
    ("Microsoft Edge WebView2 Runtime", "{edge}", MS),
    ("Microsoft Update Health Tools", "2.75.0.0", MS),
    ("Microsoft OneDrive", "20.201.1005.0009", MS),
    ("Teams Machine-Wide Installer", "1.3.0.28779", MS),
    ("Microsoft Teams", "1.3.00.34662", MS),
    ("Microsoft .NET Framework 4.8 Targeting Pack", "4.8.03761", MS),
    ("Microsoft .NET Framework 4.7.2 Targeting Pack", "4.7.03062", MS),
    ("Microsoft .NET Core Runtime - 3.1.10 (x64)", "3.1.10.29427", MS),
    ("Microsoft .NET Core Runtime - 3.1.10 (x86)", "3.1.10.29427", MS),
    ("Microsoft Windows Desktop Runtime - 3.1.10 (x64)", "3.1.10.29430", MS),
    ("Microsoft ASP.NET Core 3.1.10 - Shared Framework (x64)", "3.1.10.0", MS),
    ("Microsoft Silverlight", "5.1.50918.0", MS),
    ("Microsoft XML Parser and SDK", "3.0.1549.0", MS),
    ("MSXML 4.0 SP3 Parser", "4.30.2100.0", MS),
    ("Microsoft Policy Platform", "68.1.1010.0", MS),
    ("Microsoft Intune Management Extension", "1.37.200.0", MS),
    ("Configuration Manager Client", "5.00.9040.1000", MS),
    ("Microsoft Monitoring Agent", "10.20.18053.0", MS),
    ("Windows PC Health Check", "3.6.2204.08001", MS),
    ("Update for Windows 10 for x64-based Systems (KB4023057)", "2.72.0.0", MS),
    ("Microsoft Windows Firewall Configuration Provider", "10.0.19041.1", MS),
    ("Microsoft SQL Server 2012 Native Client", "11.4.7462.6", MS),
    ("Microsoft SQL Server Compact 4.0 SP1 x64 ENU", "4.0.8876.1", MS),
    ("Microsoft Report Viewer 2012 Runtime", "11.1.3452.0", MS),
    ("Microsoft System CLR Types for SQL Server 2012", "11.1.3000.0", MS),
    ("Microsoft ODBC Driver 17 for SQL Server", "17.6.1.1", MS),
    ("Microsoft OLE DB Driver for SQL Server", "18.5.0.0", MS),
    ("Microsoft Visual Studio 2010 Tools for Office Runtime (x64)", "10.0.50903", MS),
    ("Microsoft Visual Studio Tools for Applications 2017", "15.0.27520", MS),
    ("Windows SDK AddOn", "10.1.0.0", MS),
    ("Windows Software Development Kit - Windows 10.0.19041.685", "10.1.19041.685", MS),
    ("Windows SDK Desktop Headers x64", "10.1.19041.685", MS),
    ("Universal CRT Tools x64", "10.1.19041.685", MS),
    ("Kits Configuration Installer", "10.1.19041.685", "Microsoft"),
    ("Microsoft Web Deploy 4.0", "10.0.1994", MS),
    ("IIS 10.0 Express", "10.0.05927", MS),
    ("Microsoft Mouse and Keyboard Center", "11.1.137.0", MS),
    ("Google Chrome", "{chrome}", "Google LLC"),
    ("Google Update Helper", "1.3.36.51", "Google LLC"),
    ("Google 日本語入力", "2.25.3700.0", "Google LLC"),
    ("Mozilla Firefox 84.0.2 (x64 ja)", "84.0.2", "Mozilla"),
    ("Mozilla Maintenance Service", "84.0.2", "Mozilla"),
    ("Adobe Acrobat Reader DC - Japanese", "20.013.20074", "Adobe Systems Incorporated"),
    ("Adobe Acrobat DC", "20.013.20074", "Adobe Systems Incorporated"),
    ("Adobe Refresh Manager", "1.8.0", "Adobe Systems Incorporated"),
    ("Adobe Genuine Service", "7.2.0.25", "Adobe Inc."),
    ("Adobe Flash Player 32 ActiveX", "32.0.0.465", "Adobe"),
    ("Adobe Flash Player 32 NPAPI", "32.0.0.465", "Adobe"),
    ("Adobe Flash Player 32 PPAPI", "32.0.0.465", "Adobe"),
    ("Adobe AIR", "32.0.0.116", "HARMAN International Industries, Inc."),
    ("Adobe Creative Cloud", "5.3.1.470", "Adobe Inc."),
    ("Adobe Photoshop Elements 2020", "18.0", "Adobe Systems Incorporated"),
    ("Java 8 Update 271", "8.0.2710.9", "Oracle Corporation"),
    ("Java 8 Update 271 (64-bit)", "8.0.2710.9", "Oracle Corporation"),
    ("Java 8 Update 251", "8.0.2510.8", "Oracle Corporation"),
    ("Java Auto Updater", "2.8.271.9", "Oracle Corporation"),
    ("Java SE Development Kit 8 Update 221 (64-bit)", "8.0.2210.11", "Oracle Corporation"),
    ("Java(TM) 6 Update 45", "6.0.450", "Oracle"),
    ("7-Zip 19.00 (x64)", "19.00", "Igor Pavlov"),
    ("7-Zip 16.04", "16.04", "Igor Pavlov"),
    ("Lhaplus", "1.74", "Schezo"),
    ("Lhasa", "0.20", None),
    ("CubePDF 1.5.1 (x64)", "1.5.1", "CubeSoft"),
    ("CubeICE 0.14.2 (x64)", "0.14.2", "CubeSoft"),
    ("CubePDF Utility 1.2.1 (x64)", "1.2.1", "CubeSoft"),
    ("WinZip 24.0", "24.0.14033", "Corel Corporation"),
    ("WinRAR 5.91 (64-bit)", "5.91.0", "win.rar GmbH"),
    ("Notepad++ (64-bit x64)", "7.9.1", "Notepad++ Team"),
    ("サクラエディタ", "2.4.1.2849", "サクラエディタ開発チーム"),
    ("秀丸エディタ", "8.98", "斉藤秀夫"),
    ("TeraPad", "1.09", "寺尾進"),
    ("VLC media player", "3.0.11", "VideoLAN"),
    ("Apple Software Update", "2.6.3.1", "Apple Inc."),
    ("Zoom", "5.4.59931.0110", "Zoom Video Communications, Inc."),
    ("Cisco Webex Meetings", "40.12.4", "Cisco Webex LLC"),
    ("Skype バージョン 8.66", "8.66", "Skype Technologies S.A."),
    ("Slack Deployment", "4.11.1", "Slack Technologies"),
    ("Dropbox", "112.4.321", "Dropbox, Inc."),
    ("Box Drive", "2.19.294", "Box, Inc."),
    ("TeamViewer 15", "15.13.6", "TeamViewer"),
    ("VMware Horizon Client", "5.5.0.16979", "VMware, Inc."),
    ("Citrix Workspace 2012", "20.12.0.39", "Citrix Systems, Inc."),
    ("PDF-XChange Editor", "8.0.343.0", "Tracker Software Products (Canada) Ltd."),
    ("DocuWorks 9", "9.0.7", "FUJIFILM Business Innovation Corp."),
    ("DocuWorks Viewer Light 9", "9.0.7", "FUJIFILM Business Innovation Corp."),
    ("ATOK 2017", "30.0.4", "JustSystems Corporation"),
    ("一太郎2020", "30.0.2", "JustSystems Corporation"),
    ("花子2020", "30.0.1", "JustSystems Corporation"),
    ("JUST PDF 4", "14.0.1", "JustSystems Corporation"),
    ("IPAexフォント", "004.01", "IPA"),
    ("Trend Micro Apex One Security Agent", "14.0.9565", "Trend Micro Inc."),
    ("ウイルスバスター コーポレートエディション XG", "12.0.5180", "トレンドマイクロ株式会社"),
    ("Symantec Endpoint Protection", "14.3.558.0000", "Symantec Corporation"),
    ("ESET Endpoint Antivirus", "7.3.2044.0", "ESET, spol. s r.o."),
    ("McAfee Agent", "5.6.6.232", "McAfee, Inc."),
    ("SKYSEA Client View", "15.200.06h", "Sky Co.,LTD."),
    ("LanScope Cat MR", "9.2.2.0", "MOTEX Inc."),
    ("Microsoft Silverlight 5 SDK", "5.0.61118.0", MS),
    ("Intel(R) Management Engine Components", "2040.100.0.1029", "Intel Corporation"),
    ("Intel(R) Rapid Storage Technology", "15.9.0.1015", "Intel Corporation"),
    ("Intel(R) Chipset Device Software", "10.1.18228.8176", "Intel(R) Corporation"),
    ("Intel(R) Serial IO", "30.100.1929.1", "Intel Corporation"),
    ("Intel(R) Graphics Driver", "26.20.100.7870", "Intel Corporation"),
    ("Intel(R) Wireless Bluetooth(R)", "22.20.0.3", "Intel Corporation"),
    ("Intel(R) PROSet/Wireless Software", "22.20.0", "Intel Corporation"),
    ("Intel(R) Optane(TM) Memory and Storage Management", "18.1.1033.0", "Intel Corporation"),
    ("Intel(R) Network Connections", "25.6.0.6", "Intel"),
    ("Realtek High Definition Audio Driver", "6.0.8924.1", "Realtek Semiconductor Corp."),
    ("Realtek Card Reader", "10.0.18362.31262", "Realtek Semiconductor Corp."),
    ("Realtek USB GbE Family Controller Driver", "10.38.1118.2019", "Realtek"),
    ("Realtek Ethernet Controller Driver", "10.38.1118.2019", "Realtek"),
    ("NVIDIA Graphics Driver 457.30", "457.30", "NVIDIA Corporation"),
    ("NVIDIA PhysX System Software 9.19.0218", "9.19.0218", "NVIDIA Corporation"),
    ("NVIDIA HD Audio Driver 1.3.38.35", "1.3.38.35", "NVIDIA Corporation"),
    ("NVIDIA Control Panel 457.30", "457.30", "NVIDIA Corporation"),
    ("AMD Software", "20.11.2", "Advanced Micro Devices, Inc."),
    ("Synaptics Pointing Device Driver", "19.5.10.79", "Synaptics Incorporated"),
    ("ELAN Touchpad 15.12.1.3_X64_WHQL", "15.12.1.3", "ELAN Microelectronic Corp."),
    ("Conexant HD Audio", "8.66.16.50", "Conexant"),
    ("Dolby Audio X2 Windows API SDK", "0.8.8.90", "Dolby Laboratories, Inc."),
    ("Waves MaxxAudio Pro Application", "1.1.131.0", "Waves Audio Ltd."),
    ("DisplayLink Graphics", "9.4.3895.0", "DisplayLink Corp."),
    ("Logitech Options", "8.36.86", "Logitech"),
    ("Logicool Unifying Software 2.52", "2.52.33", "Logitech"),
    ("Wacom タブレット", "6.3.41-1", "Wacom Technology Corp."),
    ("HP Support Assistant", "9.6.25.0", "HP Inc."),
    ("HP Sure Click", "4.2.1.1234", "HP Inc."),
    ("HP Hotkey Support", "9.0.30.1", "HP"),
    ("HP Documentation", "1.6.0.0", "HP"),
    ("Lenovo Vantage Service", "3.8.23.0", "Lenovo Group Ltd."),
    ("Lenovo System Update", "5.07.0110", "Lenovo"),
    ("Lenovo Power Management Driver", "1.67.17.54", "Lenovo"),
    ("Dell Command | Update", "4.0.0", "Dell Inc."),
    ("Dell SupportAssist", "3.7.1.65", "Dell Inc."),
    ("Dell Power Manager Service", "3.6.0", "Dell Inc."),
    ("Plugfree NETWORK", "7.3.1.0", "FUJITSU LIMITED"),
    ("FUJITSU Display Manager", "8.0.0.0", "FUJITSU LIMITED"),
    ("富士通 省電力ユーティリティ", "3.6.0.0", "FUJITSU LIMITED"),
    ("NEC Easy Setup", "1.0.5.0", "NEC Corporation"),
    ("Panasonic PC 設定ユーティリティ", "7.8.1000.0", "Panasonic"),
    ("Canon Generic Plus UFR II", "2.30", "Canon Inc."),
    ("Canon LIPS LX プリンタードライバー", "5.65", "Canon Inc."),
    ("Canon iR-ADV C5535 UFR II", "21.25", "Canon Inc."),
    ("Canon IJ Scan Utility", "2.3.9", "Canon Inc."),
    ("EPSON LP-S3250 プリンタードライバー", "7.10", "SEIKO EPSON Corporation"),
    ("EPSON Scan 2", "6.4.2.0", "Seiko Epson Corporation"),
    ("EPSON Software Updater", "4.6.0", "Seiko Epson Corporation"),
    ("Brother MFL-Pro Suite MFC-L2750DW", "1.0.2.0", "Brother Industries, Ltd."),
    ("Brother P-touch Editor 5.4", "5.4.0040", "Brother Industries, Ltd."),
    ("RICOH PC FAX Generic", "1.3.0.0", "RICOH COMPANY, LTD."),
    ("RICOH Device Software Manager", "2.12.0.0", "RICOH COMPANY, LTD."),
    ("Fuji Xerox ART EX Driver", "6.9.3", "Fuji Xerox Co., Ltd."),
    ("KYOCERA Product Library", "6.5.1507", "KYOCERA Document Solutions Inc."),
    ("SHARP Printer Driver", "1.1.0.9", "SHARP CORPORATION"),
    ("OKI Printer Driver Installer", "1.6.2", "Oki Data Corporation"),
    ("Zebra ZDesigner Windows Printer Driver", "8.6.1.21389", "Zebra Technologies"),
    ("サトー 統合プリンタドライバ", "7.8.2.0", "SATO Corporation"),
    ("MEDIS-DC 標準病名マスター", "5.02", "一般財団法人医療情報システム開発センター"),
    ("HOPE LifeMark-HX クライアント", "V05L12", "FUJITSU LIMITED"),
    ("HOPE EGMAIN-GX 端末モジュール", "V08L30", "FUJITSU LIMITED"),
    ("MegaOak HR クライアント", "18.2.0.4", "NEC Corporation"),
    ("MegaOakIS 看護支援", "6.1.0.12", "NEC Corporation"),
    ("MI・RA・Is/PX クライアント", "4.5.3", "CSI"),
    ("e-カルテ クライアント", "2020.10", "ソフトウェア・サービス"),
    ("HAPPY ACTIS クライアント", "3.1.2", "Hitachi"),
    ("SYNAPSE Viewer", "5.7.100", "FUJIFILM Corporation"),
    ("SYNAPSE Client", "5.7.100", "FUJIFILM Corporation"),
    ("EV Insite net", "3.10.1.0", "PSP Corporation"),
    ("ShadeQuest/ViewR-DG", "5.0.1", "Yokogawa Medical Solutions"),
    ("Vitrea", "7.13.3.63", "Canon Medical Informatics"),
    ("Centricity Universal Viewer", "6.0.2", "GE Healthcare"),
    ("IntelliSpace PACS Enterprise", "4.4.553.0", "Philips"),
    ("RadiAnt DICOM Viewer 2020.2 (64-bit)", "2020.2", "Medixant"),
    ("Weasis", "3.6.2", "Weasis Team"),
    ("ORCA クライアント (日医標準レセプトソフト)", "5.1.0", "日本医師会ORCA管理機構"),
    ("電子点数表", "2020.4.0", "社会保険研究所"),
    ("Medicom-HRf クライアント", "4.10.2", "PHC Corporation"),
    ("CLISS 検査システム", "2.5.0", "Sysmex Corporation"),
    ("CLINILAN クライアント", "3.3.1", "Sysmex Corporation"),
    ("Hos-CanR Plus", None, None),
    ("Hos-CanR Lite", "2.4.2", None),
    ("院内がん登録支援 Hos-CanR NEXT", "1.3.0", "国立がん研究センター"),
    ("オンライン資格確認 顔認証付きカードリーダー アプリケーション", "1.1.0", "パナソニック"),
    ("HPKI 署名ツール", "2.0.4", "日本医師会電子認証センター"),
    ("JAHIS 電子処方箋ビューア", "1.2.0", None),
    ("SS-MIX2 ストレージ閲覧ツール", "1.4", None),
    ("FileMaker Pro 18 Advanced", "18.0.3.317", "FileMaker, Inc."),
    ("Microsoft Access Runtime 2013", "15.0.4569.1506", MS),
    ("Smart Card Reader Driver (SONY PaSoRi)", "4.0.0.14", "Sony Corporation"),
    ("NFCポートソフトウェア", "5.6.1.5", "Sony Imaging Products & Solutions Inc."),
    ("SecureMatrix AppliClient", "4.2.0", "CSE"),
    ("Windows Driver Package - Intel (e1dexpress) Net  (12.18.9.10)", "12.18.9.10", "Intel"),
    ("Windows Driver Package - Canon (CNLB0JA64) Printer  (12/12/2019 21.25.0.0)", "21.25.0.0", "Canon"),
    ("Windows ドライバー パッケージ - Realtek Semiconductor Corp. (RTL8023x64) Net  (10/22/2019 10.38.1118.2019)", "10.38.1118.2019", "Realtek"),
]

MAC_COMMON = [
    ("App Store", "3.0"), ("Automator", "2.8"), ("Calculator", "10.13"), ("Calendar", "10.0"),
    ("Chess", "3.15"), ("Contacts", "11.0"), ("Dashboard", "1.8"), ("Dictionary", "2.2.2"),
    ("DVD Player", "5.8"), ("FaceTime", "4.0"), ("Font Book", "7.0"), ("Image Capture", "7.0"),
    ("Launchpad", "1.0"), ("Mail", "11.5"), ("Maps", "2.0"), ("Messages", "11.0"),
    ("Mission Control", "1.2"), ("Notes", "4.5"), ("Photo Booth", "9.0"), ("Photos", "3.0"),
    ("Preview", "10.1"), ("QuickTime Player", "10.4"), ("Reminders", "4.0"), ("Siri", "1.0"),
    ("Stickies", "10.1"), ("System Preferences", "14.0"), ("TextEdit", "1.13"),
    ("Time Machine", "1.3"), ("Activity Monitor", "10.13"), ("AirPort Utility", "6.3.8"),
    ("Audio MIDI Setup", "3.3"), ("Bluetooth File Exchange", "6.0.4"), ("Boot Camp Assistant", "6.1.0"),
    ("ColorSync Utility", "4.13.0"), ("Console", "1.0"), ("Digital Color Meter", "5.13"),
    ("Disk Utility", "17.0"), ("Grab", "1.10"), ("Grapher", "2.6"), ("Keychain Access", "10.0"),
    ("Migration Assistant", "10.13"), ("Script Editor", "2.10"), ("System Information", "10.13"),
    ("Terminal", "2.8.3"), ("VoiceOver Utility", "10.0"), ("Archive Utility", "10.13"),
    ("Bluetooth Setup Assistant", "6.0.4"), ("Screen Sharing", "1.9"), ("Ticket Viewer", "4.1"),
    ("Wireless Diagnostics", "6.0"), ("Feedback Assistant", "4.0"), ("Directory Utility", "5.0"),
    ("AppleScript Utility", "1.1.2"), ("AddressBookUrlForwarder", "11.0"), ("AirPlayUIAgent", "2.0"),
    ("AirScanScanner", "1.0"), ("AppleFileServer", "2.1"), ("Certificate Assistant", "5.0"),
    ("CoreLocationAgent", "2245.8.25"), ("CoreServicesUIAgent", "257.0"), ("Database Events", "1.0.6"),
    ("DiscHelper", "1.0"), ("DiskImageMounter", "480.60.1"), ("Dock", "1.8"), ("Finder", "10.13.6"),
    ("Folder Actions Dispatcher", "1.0.5"), ("Image Events", "1.1.6"), ("Installer", "6.2"),
    ("Jar Launcher", "15.0.1"), ("Java Web Start", "15.0.1"), ("KeyboardSetupAssistant", "10.0"),
    ("Keychain Circle Notification", "1.0"), ("Language Chooser", "1.0"), ("loginwindow", "9.0"),
    ("ManagedClient", "10.4"), ("NetAuthAgent", "6.2"), ("NotificationCenter", "1.0"),
    ("OBEXAgent", "6.0.4"), ("ODSAgent", "1.9"), ("PowerChime", "1.0"), ("Problem Reporter", "10.13"),
    ("rcd", "357.2"), ("RegisterPluginIMApp", "112"), ("screencaptureui", "1.0"),
    ("ScreenSaverEngine", "5.0"), ("Setup Assistant", "10.10"), ("SocialPushAgent", "1.0"),
    ("Spotlight", "1.0"), ("System Events", "1.3.6"), ("SystemUIServer", "1.7"),
    ("UniversalAccessControl", "7.0"), ("UnmountAssistantAgent", "5.0"), ("UserNotificationCenter", "3.3.0"),
    ("VoiceOver", "8.0"), ("WiFiAgent", "10.13.2"), ("Kotoeri", "5.4"), ("JapaneseIM", "5.4"),
    ("KoreanIM", "10.0"), ("TCIM", "10.0"), ("SCIM", "10.0"), ("50onPaletteServer", "1.1.0"),
    ("CharacterPalette", "2.0.1"), ("EmojiFunctionRowIM", "1.0"), ("Ink Server", "10.9"),
    ("PressAndHold", "1.2"), ("TrackpadIM", "1.0"), ("Summary Service", "2.0"),
    ("Pages", "7.1"), ("Numbers", "5.1"), ("Keynote", "8.1"), ("iMovie", "10.1.10"),
    ("GarageBand", "10.3.2"), ("Xcode", "10.1"), ("Simulator", "10.0"), ("Instruments", "10.1"),
    ("FileMerge", "2.10"), ("Accessibility Inspector", "4.1"),
]
MAC_THIRD_PARTY = [
    ("Microsoft Word", "16.16.27", MS), ("Microsoft Excel", "16.16.27", MS),
    ("Microsoft PowerPoint", "16.16.27", MS), ("Microsoft Outlook", "16.16.27", MS),
    ("Microsoft OneNote", "16.16.27", MS), ("Microsoft AutoUpdate", "4.30", MS),
    ("Microsoft Teams", "1.3.00.30874", MS), ("OneDrive", "20.201.1005", MS),
    ("Adobe Acrobat Reader DC", "20.013.20064", "Adobe Inc."), ("Zoom.us", "5.4.9", "Zoom Video Communications, Inc."),
    ("Firefox", "84.0.2", "Mozilla Corporation"), ("Google 日本語入力", "2.25.3700.0", "Google LLC"),
    ("ATOK", "32.1.0", "JustSystems Corporation"), ("The Unarchiver", "4.2.2", "MacPaw Inc."),
    ("VLC", "3.0.11", "VideoLAN"), ("OsiriX Lite", "11.0.3", "Pixmeo"), ("Horos", "3.3.6", "Horos Project"),
    ("Weasis", "3.6.2", "Weasis Team"), ("TeamViewer", "15.13.6", "TeamViewer"),
    ("Dropbox", "112.4.321", "Dropbox, Inc."), ("Citrix Workspace", "20.12.0", "Citrix Systems, Inc."),
    ("Canon IJ Scan Utility2", "2.3.9", "Canon Inc."), ("EPSON Scan 2", "6.4.2", "Seiko Epson Corporation"),
    ("Brother iPrint&Scan", "10.2.2", "Brother Industries, Ltd."), ("Trend Micro Security Agent", "3.5.1", "Trend Micro Inc."),
]

SOLITON = ("Soliton KeyManager", "2.0.1", "Soliton Systems K.K.")
ANYCONNECT_WIN = ("Cisco AnyConnect Secure Mobility Client ", "4.9.05042", "Cisco Systems, Inc.")
ANYCONNECT_DART = ("Cisco AnyConnect Diagnostics and Reporting Tool", "4.9.05042", "Cisco Systems, Inc.")

# Conflicting software (別表) per item, with the adapters / services that come with it.
CONFLICTS = {
    "itunes": [("iTunes", "12.10.11.2", "Apple Inc."), ("Bonjour", "3.1.0.1", "Apple Inc."),
               ("Apple Mobile Device Support", "14.1.0.35", "Apple Inc."),
               ("Apple Application Support (64-bit)", "8.6", "Apple Inc.")],
    "kaspersky6": [("Kaspersky Anti-Virus 6.0 for Windows Workstations", "6.0.4.1611", "Kaspersky Lab")],
    "kaspersky": [("Kaspersky Endpoint Security 11 for Windows", "11.5.0.590", "AO Kaspersky Lab")],
    "openvpn": [("OpenVPN 2.5.1-I601-amd64", "2.5.1", "OpenVPN, Inc.")],
    "virtualbox": [("Oracle VM VirtualBox 6.1.18", "6.1.18", "Oracle Corporation")],
    "vmware": [("VMware Workstation", "16.1.0", "VMware, Inc.")],
    "nod32": [("ESET NOD32 Antivirus", "14.0.22.0", "ESET, spol. s r.o.")],
    "checkpoint": [("Check Point Endpoint Security", "84.10.0", "Check Point Software Technologies Ltd.")],
    "protecttools": [("HP ProtectTools Security Manager", "6.0.1.8", "Hewlett-Packard Company")],
    "zonealarm": [("ZoneAlarm Free Firewall", "15.8.145.18590", "Check Point Software Technologies")],
    "mcafee_fw": [("McAfee Desktop Firewall", "5.0.0", "McAfee, Inc.")],
    "lenovo_hotspot": [("Lenovo Mobile Hotspot", "2.1.0.4", "Lenovo")],
    "citrix_agee": [("Citrix Access Gateway Plug-in", "2.2.1", "Citrix Systems, Inc.")],
    "cs3": [("Adobe Creative Suite 3 Design Premium", "10.0", "Adobe Systems Incorporated")],
}
CONFLICT_ADAPTERS = {
    "openvpn": [("OpenVPN TAP-Windows6", "TAP-Windows Adapter V9"), ("OpenVPN Wintun", "Wintun Userspace Tunnel")],
    "virtualbox": [("イーサネット 3", "VirtualBox Host-Only Ethernet Adapter")],
    "vmware": [("VMware Network Adapter VMnet1", "VMware Virtual Ethernet Adapter for VMnet1"),
               ("VMware Network Adapter VMnet8", "VMware Virtual Ethernet Adapter for VMnet8")],
}

# ----------------------------------------------------------------------------- terminals

PREFECTURES = ["hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima", "ibaraki",
               "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa", "niigata", "toyama",
               "ishikawa", "fukui", "yamanashi", "nagano", "gifu", "shizuoka", "aichi", "mie",
               "shiga", "kyoto", "osaka", "hyogo", "nara", "wakayama", "tottori", "shimane",
               "okayama", "hiroshima", "yamaguchi", "tokushima", "kagawa", "ehime", "kochi",
               "fukuoka", "saga", "nagasaki", "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa"]
ROLES = ["registry", "reception", "medical-records", "iji", "ward-3f", "radiology", "lab", "office"]
STAFF = ["医事課 情報システム担当 佐藤", "情報管理課 小林", "診療情報管理室 鈴木", "医療情報部 高橋",
         "事務部 システム係 田中", "がん登録室 伊藤", "総務課 渡辺"]

WIN10 = {  # release: (build prefix, UBRs, IE svcVersion)
    "1803": ("17134", [1845, 1967], "11.1916.17134.0"),
    "1809": ("17763", [1577, 1637, 1697], "11.1697.17763.0"),
    "1903": ("18362", [1256, 1316], "11.592.18362.0"),
    "1909": ("18363", [1256, 1316, 1350], "11.1316.18362.0"),
    "2004": ("19041", [685, 746, 804], "11.789.19041.0"),
    "20H2": ("19042", [685, 746, 804], "11.789.19041.0"),
}
EDGE = ["86.0.622.69", "87.0.664.66", "87.0.664.75", "88.0.705.50", "88.0.705.63"]
CHROME = ["86.0.4240.198", "87.0.4280.88", "87.0.4280.141", "88.0.4324.104", "88.0.4324.150"]
NICS = ["Intel(R) Ethernet Connection (7) I219-LM", "Intel(R) Ethernet Connection (2) I219-V",
        "Intel(R) Ethernet Connection (10) I219-V", "Realtek PCIe GbE Family Controller",
        "Intel(R) 82579LM Gigabit Network Connection"]
WIFI = ["Intel(R) Wi-Fi 6 AX201 160MHz", "Intel(R) Dual Band Wireless-AC 8265",
        "Realtek RTL8822BE 802.11ac PCIe Adapter"]


class Terminal:
    def __init__(self, rng, index, category, software_count):
        self.rng = rng
        self.index = index
        self.category = category
        self.n_software = software_count
        facility = rng.randrange(1, 1 + max(8, index // 6 + 8))
        self.facility = f"{rng.choice(PREFECTURES)}-{facility:04d}"
        self.subject = f"{self.facility}/{rng.choice(ROLES)}-{index:05d}"
        self.errors = []

    # ---- parts
    def os_windows(self, version, release=None, sp=0, edition="Professional", arch="x64"):
        r = self.rng
        if version == "10":
            prefix, ubrs, _ = WIN10[release]
            name = "Windows 10 Enterprise" if edition == "Enterprise" else "Windows 10 Pro"
            return {"family": "windows", "name": name, "version": "10", "release": release,
                    "build": f"{prefix}.{r.choice(ubrs)}", "edition": edition, "service_pack": 0, "arch": arch}
        if version == "8.1":
            name = "Windows RT 8.1" if edition == "CoreARM" else "Windows 8.1 Pro"
            return {"family": "windows", "name": name, "version": "8.1", "build": "9600",
                    "edition": edition, "service_pack": 0, "arch": arch}
        return {"family": "windows", "name": "Windows 7 Professional", "version": "7",
                "build": "7601" if sp else "7600", "edition": edition, "service_pack": sp, "arch": arch}

    def os_mac(self, version, build):
        return {"family": "macos", "name": "Mac OS X", "version": version, "build": build, "arch": "x64"}

    def software_windows(self, extra=(), anyconnect=True, keymanager=True):
        r = self.rng
        edge, chrome = r.choice(EDGE), r.choice(CHROME)
        office_year = r.choice(["2013", "2016", "2016", "2019"])
        office_version = {"2013": "15.0.4569.1506", "2016": "16.0.4266.1001", "2019": "16.0.10368.20035"}[office_year]
        pool = WINDOWS_COMMON + office_pool(office_year, office_version)
        fixed = [(n, v, p) for n, v, p in [ANYCONNECT_WIN, ANYCONNECT_DART] if anyconnect] + ([SOLITON] if keymanager else [])
        fixed += list(extra)
        out = self.uninstall_list(fixed, vcredist_pool(), pool, edge, chrome)
        self.edge, self.chrome = edge, chrome
        return out

    def uninstall_list(self, fixed, vc, pool, edge, chrome):
        """A Windows Uninstall list: `fixed` and draws from the Visual C++ runtimes `vc` and `pool`."""
        r = self.rng
        want = self.n_software - len(fixed)
        # Visual C++ redistributables make up a good share of a real Uninstall list.
        n_vc = min(len(vc), max(10, want // 3))
        chosen = r.sample(vc, n_vc) + r.sample(pool, min(len(pool), max(0, want - n_vc)))
        while len(chosen) < want:  # the same name twice: once per hive or architecture
            chosen.append(r.choice(chosen))
        entries = chosen[:want] + fixed
        r.shuffle(entries)
        out = []
        for name, version, publisher in entries:
            e = {"name": name}
            if version is not None:
                e["version"] = version.replace("{edge}", edge).replace("{chrome}", chrome)
            if publisher is not None:
                e["publisher"] = publisher
            elif r.random() < 0.3:
                e["publisher"] = None
            out.append(e)
        return out

    def software_mac(self, extra=(), anyconnect=True, keymanager=True, vpn=None, third_party=None):
        """`vpn` (the VPN client's entries) and `third_party` (the pool beside Apple's own
        programs) default to the 2020 era's."""
        r = self.rng
        if vpn is None:
            vpn = [("Cisco AnyConnect Secure Mobility Client", "4.9.05042", "Cisco Systems, Inc.")] if anyconnect else []
        fixed = list(vpn)
        fixed += ([SOLITON] if keymanager else []) + list(extra)
        want = self.n_software - len(fixed)
        pool = [(n, v, None) for n, v in MAC_COMMON] + (MAC_THIRD_PARTY if third_party is None else third_party)
        chosen = r.sample(pool, min(len(pool), want))
        while len(chosen) < want:  # copies of an app at different paths repeat
            chosen.append(r.choice(chosen))
        entries = chosen + fixed
        r.shuffle(entries)
        out = []
        for name, version, publisher in entries:
            e = {"name": name}
            if version is not None:
                e["version"] = version
            if publisher is not None:
                e["publisher"] = publisher
            out.append(e)
        return out

    def dns(self, mio_addr=MIO_ADDR, sec_source="dns"):
        r = self.rng
        src = "hosts" if r.random() < 0.08 else "dns"
        out = [{"name": MIO, "addresses": [mio_addr], "source": src}]
        if sec_source == "proxy":
            out.append({"name": SEC, "addresses": [], "source": "proxy",
                        "detail": f"no answer from the terminal's DNS servers (NXDOMAIN from 192.168.{r.randrange(1, 250)}.1); "
                                  "CONNECT sec.ccr.ncc.go.jp:443 through the proxy succeeded"})
        else:
            out.append({"name": SEC, "addresses": [SEC_ADDR], "source": src})
        return out

    def reach(self, mio_addr=MIO_ADDR, states=None):
        states = states or {}
        probes = [(SEC, SEC_ADDR, "tcp", 443, "connected"), (SEC, SEC_ADDR, "udp", 443, "DTLS HelloVerifyRequest"),
                  (SEC, SEC_ADDR, "udp", 500, "IKEv2 IKE_SA_INIT response"),
                  (SEC, SEC_ADDR, "udp", 4500, "IKEv2 IKE_SA_INIT response"), (MIO, mio_addr, "tcp", 443, "connected")]
        out = []
        for host, addr, proto, port, detail in probes:
            state = states.get((proto, port), "open")
            if state == "filtered":
                detail = "no answer after 3 tries (500 ms, x1.5 backoff)"
            elif state == "error":
                detail = "sendto: 指定されたネットワークに到達できません。 (WSAENETUNREACH)"
            out.append({"host": host, "address": addr, "protocol": proto, "port": port, "state": state, "detail": detail})
        return out

    def network(self, windows=True, line="fiber", proxy=None, adapters=(), via_dc=False, lsp=(), wifi=None):
        r = self.rng
        if windows:
            base = [{"name": "イーサネット", "description": r.choice(NICS)}]
            if wifi or (wifi is None and r.random() < 0.3):
                base.append({"name": "Wi-Fi", "description": r.choice(WIFI)})
                base.append({"name": "ローカル エリア接続* 2", "description": "Microsoft Wi-Fi Direct Virtual Adapter #2"})
            if r.random() < 0.25:
                base.append({"name": "Bluetooth ネットワーク接続", "description": "Bluetooth Device (Personal Area Network)"})
            base.append({"name": "イーサネット 2",
                         "description": "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64"})
        else:
            base = [{"name": "en0", "description": "Ethernet"}, {"name": "en1", "description": "Wi-Fi"},
                    {"name": "bridge0", "description": "Thunderbolt Bridge"}]
        base += [{"name": n, "description": d} for n, d in adapters]
        net = {"line": line}
        if via_dc is not None:
            net["internet_via_datacenter"] = via_dc
        net["proxy"] = proxy
        net["adapters"] = base
        if windows:
            net["layered_service_providers"] = [{"name": n, "path": p} for n, p in lsp]
        return net

    def services(self, windows=True, rras="stopped", ics="stopped"):
        if not windows:
            return [{"name": "com.cisco.anyconnect.vpnagentd", "state": "running", "start": "auto"}]
        return [{"name": "RemoteAccess", "display_name": "Routing and Remote Access", "state": rras,
                 "start": "auto" if rras == "running" else "disabled"},
                {"name": "SharedAccess", "display_name": "Internet Connection Sharing (ICS)", "state": ics,
                 "start": "auto" if ics == "running" else "manual"},
                {"name": "vpnagent", "display_name": "Cisco AnyConnect Secure Mobility Agent", "state": "running", "start": "auto"},
                {"name": "Spooler", "display_name": "Print Spooler", "state": "running", "start": "auto"},
                {"name": "WinDefend", "display_name": "Microsoft Defender Antivirus Service", "state": "running", "start": "auto"}]

    def attested(self, **overrides):
        r = self.rng
        a = {"ipsec_vpn_over_path": True, "facility_path_supports_ipsec": True, "load_balancer": False,
             "dsl_router": False, "attested_by": r.choice(STAFF),
             "attested_at": f"2021-01-{r.randrange(5, 28):02d}"}
        a.update(overrides)
        return a

    @staticmethod
    def with_attestation(dump):
        """Who attested and when go into the `attestation:` block beside `attested:`."""
        attested = dump.get("attested")
        if attested is not None:
            dump["attestation"] = {"by": attested.pop("attested_by"),
                                   "at": attested.pop("attested_at")}
        return dump

    # ---- a whole dump
    def build(self):
        r = self.rng
        c = self.category
        mac = c in ("pass_mac_1012", "pass_mac_chrome", "fail_mac_safari_only")
        release = r.choice(["1909", "2004", "20H2", "20H2"])
        edition = "Enterprise" if r.random() < 0.3 else "Professional"
        os_ = self.os_windows("10", release, edition=edition)
        line, proxy, via_dc, mio_addr, sec_source = "fiber", None, False, MIO_ADDR, "dns"
        extra_sw, extra_adapters, lsp, rras, ics = [], [], [], "stopped", "stopped"
        reach_states, anyconnect, keymanager = {}, True, True
        features = {"internet_connection_sharing": False, "mobile_hotspot": False}
        attested = {}
        disk = r.randrange(8, 400) * 1_073_741_824 + r.randrange(0, 1_000_000_000)
        drop = []  # top-level facts not collected
        proxy = r.choice([None, None, None, f"http://proxy.{self.facility}.local:8080"])

        if c == "pass_win81":
            os_ = self.os_windows("8.1")
        elif c == "pass_mac_1012":
            os_ = self.os_mac("10.12.6", "16G2136")
        elif c == "pass_mac_chrome":
            v, b = r.choice([("10.13.6", "17G14042"), ("10.14.6", "18G8012")])
            os_ = self.os_mac(v, b)
        elif c == "fail_mac_safari_only":
            os_ = self.os_mac("10.13.6", "17G14042")
        elif c == "warn_win7":
            os_ = self.os_windows("7", sp=1)
        elif c == "warn_line":
            line = r.choice(["catv", "mobile", "isdn", "adsl"])
        elif c == "warn_leased_datacenter":
            line, via_dc = r.choice(["leased_line", "closed_ip_vpn"]), True
        elif c == "warn_anyconnect":
            choice = r.random()
            if choice < 0.4:
                anyconnect = False  # not installed yet
            else:
                anyconnect = False
                v = r.choice(["4.8.03052", "4.7.04056", "4.10.00093"])
                extra_sw.append(("Cisco AnyConnect Secure Mobility Client ", v, "Cisco Systems, Inc."))
        elif c == "warn_keymanager":
            keymanager = False
            if r.random() < 0.5:
                extra_sw.append(("Soliton KeyManager", "2.0.0", "Soliton Systems K.K."))
        elif c == "warn_mio_address":
            mio_addr = r.choice(["133.162.82.110", "133.162.82.106"])
        elif c == "fail_release":
            release = r.choice(["1803", "1809", "1903", "1903"])
            os_ = self.os_windows("10", release, edition=edition)
        elif c == "fail_software":
            kinds = r.sample(["itunes", "kaspersky6", "kaspersky", "openvpn", "virtualbox", "vmware", "nod32",
                              "checkpoint", "protecttools", "zonealarm", "mcafee_fw", "lenovo_hotspot",
                              "citrix_agee", "cs3"], r.choice([1, 1, 1, 2, 3]))
            for k in kinds:
                extra_sw += CONFLICTS[k]
                extra_adapters += CONFLICT_ADAPTERS.get(k, [])
        elif c == "fail_ics_vm":
            ics = "running"
            features["internet_connection_sharing"] = True
            if r.random() < 0.5:
                extra_sw += CONFLICTS["virtualbox"]
                extra_adapters += CONFLICT_ADAPTERS["virtualbox"]
            if r.random() < 0.3:
                features["mobile_hotspot"] = True
        elif c == "fail_rras":
            rras = "running"
        elif c == "fail_proxy":
            sec_source = "proxy"
            proxy = f"http://proxy.{self.facility}.local:8080"
        elif c == "fail_udp4500":
            reach_states[("udp", 4500)] = "filtered"
            if r.random() < 0.5:
                reach_states[("udp", 500)] = "filtered"
        elif c == "fail_rt":
            os_ = self.os_windows("8.1", edition="CoreARM", arch="arm")
        elif c == "fail_disk":
            disk = r.randrange(10_000_000, 100_000_000)
        elif c == "fail_line":
            line = "public_wifi"
        elif c == "fail_lsp":
            lsp = [("Proxifier TCP/IP [MSAFD Tcpip [TCP/IP]]", "%SystemRoot%\\system32\\PrxerNsp.dll")]
        elif c == "fail_attested":
            attested = {"facility_path_supports_ipsec": False}
        elif c == "unknown_software":
            drop.append("software")
            self.errors.append({"step": "software", "message": "reading HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\"
                                "CurrentVersion\\Uninstall failed: アクセスが拒否されました。 (0x80070005)"})
        elif c == "unknown_disk":
            drop.append("disk")
            self.errors.append({"step": "disk", "message": "WMI query Win32_LogicalDisk failed: 0x80041003 (WBEM_E_ACCESS_DENIED)"})
        elif c == "unknown_offline":
            drop += ["dns", "reach"]
            self.errors += [{"step": "dns", "message": "skipped: --offline given"},
                            {"step": "reach", "message": "skipped: --offline given"}]
        elif c == "unknown_probe_error":
            reach_states[("udp", r.choice([443, 500, 4500]))] = "error"
        elif c == "unknown_leased_line":
            line, via_dc = "leased_line", None
        elif c == "unknown_release":
            del os_["release"]
            self.errors.append({"step": "os.release", "message": "reading HKLM\\SOFTWARE\\Microsoft\\Windows NT\\"
                                "CurrentVersion DisplayVersion failed: 指定されたファイルが見つかりません。 (0x80070002)"})

        windows = os_["family"] == "windows"
        if windows:
            ie = {"7": "11.0.9600.19596", "8.1": "11.0.9600.19913"}.get(os_["version"]) or WIN10[os_.get("release", release)][2]
            software = self.software_windows(extra_sw, anyconnect, keymanager)
            browsers = [{"id": "ie", "version": ie}]
            if os_["version"] == "10":
                browsers.insert(0, {"id": "edge", "version": self.edge})
            if r.random() < 0.6 and os_["version"] != "8.1":
                browsers.append({"id": "chrome", "version": self.chrome})
            if r.random() < 0.1:
                browsers.append({"id": "firefox", "version": "84.0.2"})
        else:
            software = self.software_mac(extra_sw, anyconnect, keymanager)
            if c == "pass_mac_1012":
                browsers = [{"id": "safari", "version": "12.1.2"}]
            elif c == "pass_mac_chrome":
                browsers = [{"id": "safari", "version": "14.0.2"}, {"id": "chrome", "version": r.choice(CHROME)}]
            else:
                browsers = [{"id": "safari", "version": "13.1.2"}]

        month, day = r.choice([1, 2]), r.randrange(1, 28)
        at = f"2021-{month:02d}-{day:02d}T{r.randrange(8, 19):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}+09:00"
        collected = {"at": at, "by": "tekigo collect 0.1.0"}
        if self.errors:
            collected["errors"] = self.errors
        dump = {"schema": "tekigo.facts/1", "subject": self.subject, "collected": collected, "os": os_,
                "browsers": browsers, "disk": {"system_free_bytes": disk}, "software": software,
                "dns": self.dns(mio_addr, sec_source), "reach": self.reach(mio_addr, reach_states),
                "network": self.network(windows, line, proxy, extra_adapters, via_dc, lsp),
                "features": features, "services": self.services(windows, rras, ics),
                "attested": self.attested(**attested)}
        for key in drop:
            del dump[key]
        self.with_attestation(dump)
        if r.random() < 0.03:
            dump["x-asset-tag"] = f"PC-{r.randrange(100000, 999999)}"
        return dump


# ----------------------------------------------------------------------------- the 2024 era

# --era 2024: terminals as a registry would find them in late 2024, for a revision of the policy
# (Windows 11, Windows 10 22H2, macOS 12-15, Cisco Secure Client 5.x beside AnyConnect 4.x).
# No revised policy ships with tekigo: a category's verdict is the one it is meant to get from
# a revision for the era (Windows 10 22H2 and Windows 11 22H2 and later supported, macOS 13 and
# later, Secure Client 5.1 documented, AnyConnect 4.10 accepted with a warning), and --expect
# writes it for the maintainer who writes that revision. The default era's output is untouched.
CATEGORIES_2024 = [
    ("pass_win11", "pass", 300),         # Windows 11 23H2/24H2, Secure Client 5.1
    ("pass_win11_22h2", "pass", 60),
    ("pass_win10_22h2", "pass", 120),    # Windows 10 22H2, the last release of 10
    ("pass_mac", "pass", 80),            # macOS 13-15 with Chrome
    ("warn_anyconnect", "warn", 90),     # AnyConnect 4.10 instead of Secure Client 5.1
    ("warn_line", "warn", 40),
    ("warn_keymanager", "warn", 20),
    ("warn_mio_address", "warn", 30),
    ("fail_win11_21h2", "fail", 30),     # Windows 11 21H2 (22000): out of support
    ("fail_win10_21h2", "fail", 20),     # Windows 10 21H2 (19044): out of support
    ("fail_mac_12", "fail", 20),         # macOS 12 Monterey: out of support
    ("fail_se", "fail", 10),             # Windows 11 SE (EditionID CloudEdition)
    ("fail_anyconnect_49", "fail", 30),  # AnyConnect 4.9.05042, the version the 2020 document named
    ("fail_software", "fail", 50),
    ("fail_ics_vm", "fail", 15),
    ("fail_rras", "fail", 10),
    ("fail_proxy", "fail", 15),
    ("fail_udp4500", "fail", 15),
    ("fail_disk", "fail", 5),
    ("unknown_software", "unknown", 10),
    ("unknown_offline", "unknown", 10),
    ("unknown_probe_error", "unknown", 10),
    ("unknown_release", "unknown", 10),
]
assert sum(w for _, _, w in CATEGORIES_2024) == 1000
INTENDED.update({name: verdict for name, verdict, _ in CATEGORIES_2024})
ERAS = {"2020": CATEGORIES, "2024": CATEGORIES_2024}

# Windows 10/11 releases of the era: (os.version, release, build, UBRs of late 2024). Windows 11
# is major version 10 with a build from 22000 on; 21H2 and 22H2 exist on both (docs/facts.md).
WINDOWS_2024 = {
    ("10", "21H2"): ("19044", [3086, 3208]),
    ("10", "22H2"): ("19045", [4894, 5011, 5131]),
    ("11", "21H2"): ("22000", [2538, 3197, 3260]),
    ("11", "22H2"): ("22621", [4317, 4460]),
    ("11", "23H2"): ("22631", [4317, 4460]),
    ("11", "24H2"): ("26100", [2033, 2314]),
}
# EditionID → the ProductName the registry gives (it says "Windows 10 …" on Windows 11 too).
EDITIONS_2024 = [("Professional", "Pro"), ("Professional", "Pro"), ("Enterprise", "Enterprise"),
                 ("Education", "Education"), ("Core", "Home")]
# (version, build, Safari) of macOS 12 Monterey, 13 Ventura, 14 Sonoma and 15 Sequoia.
MACOS_2024 = {
    "12": [("12.7.6", "21H1320", "17.6")],
    "13": [("13.7", "22H123", "18.0"), ("13.7.1", "22H221", "18.1.1")],
    "14": [("14.6.1", "23G93", "17.6"), ("14.7", "23H124", "18.0"), ("14.7.1", "23H222", "18.1.1")],
    "15": [("15.1", "24B83", "18.1"), ("15.1.1", "24B91", "18.1.1"), ("15.2", "24C101", "18.2")],
}
EDGE_2024 = ["129.0.2792.89", "130.0.2849.68", "130.0.2849.80", "131.0.2903.70"]
CHROME_2024 = ["129.0.6668.101", "130.0.6723.117", "131.0.6778.86", "131.0.6778.109"]
CISCO = "Cisco Systems, Inc."
# Cisco Secure Client 5.x names its VPN module "Cisco Secure Client - AnyConnect VPN" (four
# version fields); AnyConnect 4.x is "Cisco AnyConnect Secure Mobility Client " (trailing space).
SECURE_CLIENT = ["5.1.2.42", "5.1.3.62", "5.1.4.74", "5.1.5.65", "5.1.6.103"]
ANYCONNECT_410 = ["4.10.05095", "4.10.07073", "4.10.08029"]


def secure_client_windows(version):
    return [("Cisco Secure Client - AnyConnect VPN", version, CISCO),
            ("Cisco Secure Client - Diagnostics and Reporting Tool", version, CISCO)]


def anyconnect_windows(version):
    return [("Cisco AnyConnect Secure Mobility Client ", version, CISCO),
            ("Cisco AnyConnect Diagnostics and Reporting Tool", version, CISCO)]


def vcredist_2024_pool():
    """The 2015-2022 redistributables of the era, on top of the older years'."""
    out = []
    for v in ["14.32.31332", "14.34.31938", "14.36.32532", "14.38.33135", "14.40.33810",
              "14.42.34433"]:
        for a in ["x86", "x64"]:
            out.append((f"Microsoft Visual C++ 2015-2022 Redistributable ({a}) - {v}", v + ".0", MS))
            out.append((f"Microsoft Visual C++ 2022 {a.upper()} Minimum Runtime - {v}", v, MS))
            out.append((f"Microsoft Visual C++ 2022 {a.upper()} Additional Runtime - {v}", v, MS))
    return out


# Programs of 2020 that a 2024 terminal no longer has (or has in a newer version, below).
OUTDATED_2024 = ("Microsoft Edge", "Google Chrome", "Microsoft Teams", "Teams Machine-Wide",
                 "Microsoft .NET Core", "Microsoft Windows Desktop Runtime", "Microsoft ASP.NET Core",
                 "Microsoft Silverlight", "Adobe Flash", "Adobe AIR", "Java 8 Update", "Java Auto",
                 "Mozilla", "Zoom", "Cisco Webex", "Skype", "Microsoft OneDrive", "7-Zip 19",
                 "Notepad++", "Update for Windows 10", "Microsoft Update Health Tools",
                 "Windows PC Health Check", "Adobe Acrobat", "Citrix Workspace", "ATOK 2017",
                 "Windows Software Development Kit", "Windows SDK", "Universal CRT", "Kits Config")
WINDOWS_NEW_2024 = [
    ("Microsoft Edge", "{edge}", MS),
    ("Microsoft Edge Update", "1.3.195.31", None),
    ("Microsoft Edge WebView2 Runtime", "{edge}", MS),
    ("Microsoft 365 Apps for enterprise - ja-jp", "16.0.17928.20216", MS),
    ("Microsoft 365 Apps for enterprise - en-us", "16.0.17928.20216", MS),
    ("Microsoft OneNote - ja-jp", "16.0.17928.20216", MS),
    ("Microsoft Teams Meeting Add-in for Microsoft Office", "1.24.25602", MS),
    ("Microsoft Teams classic", "1.7.00.26062", MS),
    ("Microsoft OneDrive", "24.211.1020.0001", MS),
    ("Microsoft Update Health Tools", "5.72.0.0", MS),
    ("Windows PC Health Check", "3.7.2204.15001", MS),
    ("Microsoft .NET Runtime - 8.0.11 (x64)", "64.44.23412", MS),
    ("Microsoft .NET Runtime - 6.0.36 (x64)", "48.144.23186", MS),
    ("Microsoft Windows Desktop Runtime - 8.0.11 (x64)", "8.0.11.34221", MS),
    ("Microsoft Windows Desktop Runtime - 6.0.36 (x64)", "6.0.36.34217", MS),
    ("Microsoft ASP.NET Core 8.0.11 - Shared Framework (x64)", "8.0.11.24521", MS),
    ("PowerShell 7-x64", "7.4.6.0", MS),
    ("Microsoft GameInput", "10.1.22621.3036", MS),
    ("Microsoft Windows Desktop Targeting Pack - 8.0.11 (x64)", "64.44.23412", MS),
    ("Google Chrome", "{chrome}", "Google LLC"),
    ("Mozilla Firefox (x64 ja)", "133.0", "Mozilla"),
    ("Mozilla Maintenance Service", "133.0", "Mozilla"),
    ("Adobe Acrobat (64-bit)", "24.004.20220", "Adobe"),
    ("Adobe Acrobat Reader - Japanese", "24.004.20220", "Adobe"),
    ("Java 8 Update 431 (64-bit)", "8.0.4310.10", "Oracle Corporation"),
    ("Java 8 Update 421", "8.0.4210.9", "Oracle Corporation"),
    ("7-Zip 24.08 (x64)", "24.08", "Igor Pavlov"),
    ("Notepad++ (64-bit x64)", "8.7.1", "Notepad++ Team"),
    ("Zoom Workplace (64-bit)", "6.2.11.54827", "Zoom Video Communications, Inc."),
    ("Webex", "44.10.1.31028", "Cisco Systems, Inc"),
    ("Citrix Workspace 2409", "24.9.0.225", "Citrix Systems, Inc."),
    ("ATOK for Windows", "33.0.1", "JustSystems Corporation"),
    ("Microsoft Intune Management Extension", "1.83.107.0", MS),
    ("Microsoft Defender for Endpoint", "10.8760.19045.1", MS),
    ("Trend Micro Apex One Security Agent", "14.0.12526", "Trend Micro Inc."),
    ("Intel(R) Arc(TM) Graphics Driver", "32.0.101.6079", "Intel Corporation"),
    ("Intel(R) Wi-Fi 6E AX211 Driver", "23.60.0.10", "Intel Corporation"),
    ("Realtek Audio Driver", "6.0.9549.1", "Realtek Semiconductor Corp."),
    ("Dell Command | Update for Windows Universal", "5.4.0", "Dell Inc."),
    ("HP Wolf Security", "4.6.3.318", "HP Inc."),
    ("Lenovo Commercial Vantage", "20.2405.1.0", "Lenovo Group Ltd."),
    ("オンライン資格確認 顔認証付きカードリーダー アプリケーション", "2.4.0", "パナソニック"),
    ("電子処方箋管理サービス 連携ツール", "1.2.0", None),
    ("HPKI セカンド電子証明書 利用ツール", "1.1.0", "日本医師会電子認証センター"),
    ("Windows Driver Package - Intel (iaStorVD) SCSIAdapter  (10/01/2024 20.2.0.1033)", "20.2.0.1033", "Intel"),
]
MAC_THIRD_PARTY_2024 = [
    ("Microsoft Word", "16.91", MS), ("Microsoft Excel", "16.91", MS),
    ("Microsoft PowerPoint", "16.91", MS), ("Microsoft Outlook", "16.91", MS),
    ("Microsoft OneNote", "16.91", MS), ("Microsoft AutoUpdate", "4.77", MS),
    ("Microsoft Teams", "24295.605.3225.8804", MS), ("OneDrive", "24.211.1020", MS),
    ("Microsoft Edge", "131.0.2903.70", MS), ("Google Chrome", "131.0.6778.86", "Google LLC"),
    ("Adobe Acrobat Reader", "24.004.20220", "Adobe Inc."),
    ("zoom.us", "6.2.11", "Zoom Video Communications, Inc."), ("Firefox", "133.0", "Mozilla Corporation"),
    ("Google 日本語入力", "2.30.5520.102", "Google LLC"), ("ATOK", "33.0.1", "JustSystems Corporation"),
    ("The Unarchiver", "4.3.8", "MacPaw Inc."), ("VLC", "3.0.21", "VideoLAN"),
    ("Horos", "4.0.1", "Horos Project"), ("Weasis", "4.5.1", "Weasis Team"),
    ("TeamViewer", "15.59.3", "TeamViewer"), ("Dropbox", "213.4.5135", "Dropbox, Inc."),
    ("Citrix Workspace", "24.11.0", "Citrix Systems, Inc."), ("Webex", "44.10.1", "Cisco Systems, Inc"),
    ("Trend Micro Apex One (Mac) Security Agent", "3.5.7001", "Trend Micro Inc."),
]


class Terminal2024(Terminal):
    """A terminal of the 2024 era (CATEGORIES_2024); everything but the OS, the programs and the
    dates is built as for the default era."""

    def os_windows_2024(self, version, release, edition="Professional", product="Pro"):
        prefix, ubrs = WINDOWS_2024[(version, release)]
        # (The ProductName of Windows 11 SE is not confirmed; the name is informative only.)
        name = "Windows 11 SE" if edition == "CloudEdition" else f"Windows 10 {product}"
        return {"family": "windows", "name": name, "version": version, "release": release,
                "build": f"{prefix}.{self.rng.choice(ubrs)}", "edition": edition, "service_pack": 0,
                "arch": "x64"}

    def software_windows_2024(self, vpn, keymanager=True, extra=()):
        r = self.rng
        edge, chrome = r.choice(EDGE_2024), r.choice(CHROME_2024)
        pool = [e for e in WINDOWS_COMMON if not e[0].startswith(OUTDATED_2024)] + WINDOWS_NEW_2024
        fixed = list(vpn) + ([SOLITON] if keymanager else []) + list(extra)
        out = self.uninstall_list(fixed, vcredist_pool() + vcredist_2024_pool(), pool, edge, chrome)
        self.edge, self.chrome = edge, chrome
        return out

    def build(self):
        r = self.rng
        c = self.category
        version, release = r.choice([("11", "23H2"), ("11", "23H2"), ("11", "24H2")])
        edition, product = r.choice(EDITIONS_2024)
        mac = None  # the macOS major version, for a Mac
        vpn_version = r.choice(SECURE_CLIENT)
        vpn = "secure_client"
        line, proxy_forced, via_dc, mio_addr, sec_source = "fiber", None, False, MIO_ADDR, "dns"
        extra_sw, extra_adapters, rras, ics = [], [], "stopped", "stopped"
        reach_states, keymanager = {}, True
        features = {"internet_connection_sharing": False, "mobile_hotspot": False}
        drop = []
        disk = r.randrange(8, 400) * 1_073_741_824 + r.randrange(0, 1_000_000_000)

        if c == "pass_win11_22h2":
            version, release = "11", "22H2"
        elif c == "pass_win10_22h2":
            version, release = "10", "22H2"
        elif c == "pass_mac":
            mac = r.choice(["13", "14", "14", "15", "15"])
        elif c == "warn_anyconnect":
            vpn, vpn_version = "anyconnect", r.choice(ANYCONNECT_410)
        elif c == "warn_line":
            line = r.choice(["catv", "mobile", "isdn", "adsl"])
        elif c == "warn_keymanager":
            keymanager = False
        elif c == "warn_mio_address":
            mio_addr = r.choice(["133.162.82.110", "133.162.82.106"])
        elif c == "fail_win11_21h2":
            version, release = "11", "21H2"
        elif c == "fail_win10_21h2":
            version, release = "10", "21H2"
        elif c == "fail_mac_12":
            mac = "12"
        elif c == "fail_se":
            edition, product = "CloudEdition", "SE"
        elif c == "fail_anyconnect_49":
            vpn, vpn_version = "anyconnect", "4.9.05042"
        elif c == "fail_software":
            kinds = r.sample(["itunes", "kaspersky", "openvpn", "virtualbox", "vmware", "nod32",
                              "checkpoint", "zonealarm", "lenovo_hotspot"], r.choice([1, 1, 2]))
            for k in kinds:
                extra_sw += CONFLICTS[k]
                extra_adapters += CONFLICT_ADAPTERS.get(k, [])
        elif c == "fail_ics_vm":
            ics = "running"
            features["internet_connection_sharing"] = True
        elif c == "fail_rras":
            rras = "running"
        elif c == "fail_proxy":
            sec_source = "proxy"
            proxy_forced = f"http://proxy.{self.facility}.local:8080"
        elif c == "fail_udp4500":
            reach_states[("udp", 4500)] = "filtered"
        elif c == "fail_disk":
            disk = r.randrange(10_000_000, 100_000_000)
        elif c == "unknown_software":
            drop.append("software")
            self.errors.append({"step": "software", "message": "reading HKLM\\SOFTWARE\\Microsoft\\Windows\\"
                                "CurrentVersion\\Uninstall failed: アクセスが拒否されました。 (0x80070005)"})
        elif c == "unknown_offline":
            drop += ["dns", "reach"]
            self.errors += [{"step": "dns", "message": "skipped: --offline given"},
                            {"step": "reach", "message": "skipped: --offline given"}]
        elif c == "unknown_probe_error":
            reach_states[("udp", r.choice([443, 500, 4500]))] = "error"

        if mac:
            v, build, safari = r.choice(MACOS_2024[mac])
            os_ = {"family": "macos", "name": "macOS", "version": v, "build": build,
                   "arch": r.choice(["arm64", "arm64", "x64"])}
            app = "Cisco Secure Client" if vpn == "secure_client" else "Cisco AnyConnect Secure Mobility Client"
            software = self.software_mac(extra_sw, keymanager=keymanager, vpn=[(app, vpn_version, CISCO)],
                                         third_party=MAC_THIRD_PARTY_2024)
            browsers = [{"id": "safari", "version": safari},
                        {"id": "chrome", "version": r.choice(CHROME_2024)}]
        else:
            os_ = self.os_windows_2024(version, release, edition, product)
            if c == "unknown_release":
                del os_["release"]
                self.errors.append({"step": "os.release", "message": "reading HKLM\\SOFTWARE\\Microsoft\\Windows NT\\"
                                    "CurrentVersion DisplayVersion failed: 指定されたファイルが見つかりません。 (0x80070002)"})
            entries = secure_client_windows(vpn_version) if vpn == "secure_client" else anyconnect_windows(vpn_version)
            software = self.software_windows_2024(entries, keymanager, extra_sw)
            # Internet Explorer was retired in 2023 and is not part of Windows 11.
            browsers = [{"id": "edge", "version": self.edge}]
            if r.random() < 0.6:
                browsers.append({"id": "chrome", "version": self.chrome})
            if r.random() < 0.1:
                browsers.append({"id": "firefox", "version": "133.0"})

        proxy = proxy_forced or r.choice([None, None, None, f"http://proxy.{self.facility}.local:8080"])
        month, day = r.choice([11, 12]), r.randrange(1, 28)
        at = f"2024-{month:02d}-{day:02d}T{r.randrange(8, 19):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}+09:00"
        collected = {"at": at, "by": "tekigo collect 0.1.0"}
        if self.errors:
            collected["errors"] = self.errors
        windows = os_["family"] == "windows"
        attested = self.attested()
        attested["attested_at"] = f"2024-11-{r.randrange(5, 28):02d}"
        services = self.services(windows, rras, ics)
        if vpn == "secure_client":
            for s in services:
                if s["name"] == "vpnagent":
                    s["display_name"] = "Cisco Secure Client - AnyConnect VPN Agent"
                if s["name"] == "com.cisco.anyconnect.vpnagentd":
                    s["name"] = "com.cisco.secureclient.vpnagentd"
        dump = {"schema": "tekigo.facts/1", "subject": self.subject, "collected": collected, "os": os_,
                "browsers": browsers, "disk": {"system_free_bytes": disk}, "software": software,
                "dns": self.dns(mio_addr, sec_source), "reach": self.reach(mio_addr, reach_states),
                "network": self.network(windows, line, proxy, extra_adapters, via_dc, []),
                "features": features, "services": services, "attested": attested}
        for key in drop:
            del dump[key]
        self.with_attestation(dump)
        return dump


# ----------------------------------------------------------------------------- output

def pretty(dump):
    """Like the example dumps: two-space indent, one list element per line."""
    def value(v, indent):
        pad = " " * indent
        if isinstance(v, dict):
            if not v:
                return "{}"
            items = [f'{pad}  {json.dumps(k, ensure_ascii=False)}: {value(x, indent + 2)}' for k, x in v.items()]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(v, list) and v and isinstance(v[0], dict):
            items = [f"{pad}  {json.dumps(x, ensure_ascii=False)}" for x in v]
            return "[\n" + ",\n".join(items) + "\n" + pad + "]"
        return json.dumps(v, ensure_ascii=False)
    return value(dump, 0) + "\n"


def add_measurements(dump, resolved, probes):
    """--resolve and --probe: what a collector run with a policy that reads these names and
    probes would add (none of it draws a random number: the rest of the output is unchanged)."""
    if resolved and "dns" in dump:
        dump["dns"] += [{"name": n, "addresses": [a], "source": "dns"} for n, a in resolved.items()]
    if probes and "reach" in dump:
        for host, proto, port in probes:
            entry = {"host": host}
            if host in resolved:
                entry["address"] = resolved[host]
            entry.update({"protocol": proto, "port": port, "state": "open",
                          "detail": "connected" if proto == "tcp" else "IKEv2 IKE_SA_INIT response"})
            dump["reach"].append(entry)


def pick_category(rng, forced, categories=CATEGORIES):
    if forced:
        return forced
    x = rng.randrange(1000)
    for name, _, weight in categories:
        if x < weight:
            return name
        x -= weight
    raise AssertionError


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", "-n", type=int, default=10000, help="terminals (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out-dir", help="write one .json file per terminal here")
    ap.add_argument("--jsonl", help="write every terminal as one line of this file (- for stdout)")
    ap.add_argument("--expect", help="write {source, subject, category, verdict} per terminal here (JSON Lines)")
    ap.add_argument("--era", choices=sorted(ERAS), default="2020",
                    help="2020 (default): Windows 7-10 20H2, macOS 10.12-10.14, AnyConnect 4.9; 2024: "
                         "Windows 10 22H2 and 11 21H2-24H2, macOS 12-15, Cisco Secure Client 5.1 and "
                         "AnyConnect 4.10, the programs of the time")
    ap.add_argument("--category", choices=sorted(INTENDED), help="make every terminal of this kind")
    ap.add_argument("--software", type=int, help="exactly this many software entries (default: 150-400)")
    ap.add_argument("--resolve", action="append", default=[], metavar="NAME=ADDRESS",
                    help="every dump also resolves NAME to ADDRESS (as collecting with a policy that "
                         "names it would); may repeat")
    ap.add_argument("--probe", action="append", default=[], metavar="HOST:PROTO/PORT",
                    help="every dump also has an open probe of PROTO/PORT to HOST; may repeat")
    args = ap.parse_args()
    if not args.out_dir and not args.jsonl:
        ap.error("give --out-dir and/or --jsonl")
    categories = ERAS[args.era]
    if args.category and args.category not in {c for c, _, _ in categories}:
        ap.error(f"--category {args.category} is not a category of the {args.era} era")
    resolved = {}
    for item in args.resolve:
        name, sep, address = item.partition("=")
        if not sep or not name or not address:
            ap.error(f"--resolve {item}: expected NAME=ADDRESS")
        resolved[name] = address
    probes = []
    for item in args.probe:
        host, sep, rest = item.partition(":")
        proto, sep2, port = rest.partition("/")
        if not sep or not sep2 or proto not in ("tcp", "udp") or not port.isdigit():
            ap.error(f"--probe {item}: expected HOST:tcp/PORT or HOST:udp/PORT")
        probes.append((host, proto, int(port)))
    maker = Terminal2024 if args.era == "2024" else Terminal

    rng = random.Random(args.seed)
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    jsonl = None
    if args.jsonl:
        jsonl = sys.stdout if args.jsonl == "-" else open(args.jsonl, "w", encoding="utf-8")
    expect = open(args.expect, "w", encoding="utf-8") if args.expect else None
    counts = {}
    for i in range(args.count):
        category = pick_category(rng, args.category, categories)
        n = args.software or rng.randrange(150, 401)
        dump = maker(rng, i, category, n).build()
        add_measurements(dump, resolved, probes)
        verdict = INTENDED[category]
        counts[verdict] = counts.get(verdict, 0) + 1
        name = f"terminal-{i:06d}.json"
        if args.out_dir:
            with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
                f.write(pretty(dump))
        if jsonl:
            jsonl.write(json.dumps(dump, ensure_ascii=False, separators=(",", ":")) + "\n")
        if expect:
            expect.write(json.dumps({"file": name, "line": i + 1, "subject": dump["subject"],
                                     "category": category, "verdict": verdict}) + "\n")
    if jsonl and jsonl is not sys.stdout:
        jsonl.close()
    if expect:
        expect.close()
    summary = ", ".join(f"{v} {counts.get(v, 0)} ({100.0 * counts.get(v, 0) / args.count:.1f}%)"
                        for v in ["pass", "warn", "fail", "unknown"])
    era = "" if args.era == "2020" else f", era {args.era}"
    print(f"generate_dumps: {args.count} terminals, seed {args.seed}{era}: intended {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
