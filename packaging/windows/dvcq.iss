; Inno Setup 6 script: per-user installer for dvcq-desktop (no administrator rights needed).
; Build on Windows after packaging\build_bundle.sh has produced dist\dvcq-desktop and build\assets:
;   iscc packaging\windows\dvcq.iss            (output: dist\dvcq-desktop-setup-<version>.exe)
; CI compiles it under Wine against a stand-in bundle (packaging/windows/compile_installer.sh), with
; /DBundleDir=... /DIconDir=... /DOutputDir=... pointing at the stand-in.
; Vietnamese.isl (Inno Setup's unofficial Vietnamese translation) lives beside this script.
; Saved as UTF-8 with BOM so Inno Setup reads the Vietnamese text correctly.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Dân vận chính quyền"
#define AppExe "dvcq-desktop.exe"
#define ProgId "vn.dvcq.Package"
#define PlanProgId "vn.dvcq.Plan"
; Must equal APP_MUTEX_NAME in dvcq_desktop/running_mutex.py: the app holds this mutex while it
; runs, so Setup and the uninstaller see a running copy and ask the officer to close it first.
#define AppMutexName "vn.dvcq.Desktop.running"
#define ReceiptProgId "vn.dvcq.Receipt"
#define Root "..\.."
#ifndef BundleDir
  #define BundleDir Root + "\dist\dvcq-desktop"
#endif
#ifndef IconDir
  #define IconDir Root + "\build\assets\icons"
#endif
#ifndef OutputDir
  #define OutputDir Root + "\dist"
#endif

[Setup]
; AppId must never change: it is how an update finds the installed copy.
AppId={{9C865BA8-491B-4D5B-ACF1-E302CD27D9C1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=dvcq-desktop
; Per-user install: {userpf} is %LOCALAPPDATA%\Programs, no UAC prompt, no admin rights.
PrivilegesRequired=lowest
DefaultDirName={userpf}\dvcq-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
; Qt 6 (PySide6) runs on Windows 10 1809 (build 17763) and later.
MinVersion=10.0.17763
AppMutex={#AppMutexName}
CloseApplications=yes
LicenseFile={#Root}\LICENSE
SetupIconFile={#IconDir}\dvcq.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=dvcq-desktop-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "vietnamese"; MessagesFile: "Vietnamese.isl"

[Messages]
; Inno Setup 6.4 (the compiler CI uses) names four messages differently from the 6.5 translation in
; Vietnamese.isl; without these they would show in English. Newer compilers ignore these names.
DownloadingLabel=Đang tải thêm các tệp xuống...
ExtractionLabel=Đang giải nén thêm các tệp...
ErrorFileHash1=Không tính được mã băm (hash) của tệp: %1
ErrorFileHash2=Mã băm (hash) của tệp không đúng: mong đợi %1, nhưng thực tế là %2

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "assocdvcq"; Description: "Bấm đúp tệp .dvcq (gói báo cáo), .dvcqkh (tệp kế hoạch) và .dvcqbn (biên nhận) để mở bằng {#AppName}"; GroupDescription: "Tệp gói báo cáo:"

[InstallDelete]
; An upgrade replaces the whole bundle: files the old version had in _internal (a Python module,
; a Qt plugin) but the new one has not must not stay behind and be picked up.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#IconDir}\dvcq-file.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Sổ theo dõi và báo cáo công tác dân vận chính quyền"
Name: "{autoprograms}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .dvcq association, for this user only (HKCU\Software\Classes): ProgID, icon, open command.
Root: HKCU; Subkey: "Software\Classes\.dvcq"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcq"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.dvcq.submission+zip"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcq\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Gói báo cáo dân vận chính quyền"; Flags: uninsdeletekey; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\dvcq-file.ico,0"; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".dvcq"; ValueData: ""; Flags: uninsdeletekey
; The .dvcqkh plan file the receiving office publishes each year: its own ProgID, same program.
Root: HKCU; Subkey: "Software\Classes\.dvcqkh"; ValueType: string; ValueName: ""; ValueData: "{#PlanProgId}"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcqkh"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.dvcq.plan+zip"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcqkh\OpenWithProgids"; ValueType: string; ValueName: "{#PlanProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#PlanProgId}"; ValueType: string; ValueName: ""; ValueData: "Tệp kế hoạch dân vận chính quyền"; Flags: uninsdeletekey; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#PlanProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\dvcq-file.ico,0"; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#PlanProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".dvcqkh"; ValueData: ""; Flags: uninsdeletekey
; The .dvcqbn receipt the office sends back to a unit: its own ProgID, same program.
Root: HKCU; Subkey: "Software\Classes\.dvcqbn"; ValueType: string; ValueName: ""; ValueData: "{#ReceiptProgId}"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcqbn"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.dvcq.receipt+zip"; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\.dvcqbn\OpenWithProgids"; ValueType: string; ValueName: "{#ReceiptProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ReceiptProgId}"; ValueType: string; ValueName: ""; ValueData: "Biên nhận báo cáo dân vận chính quyền"; Flags: uninsdeletekey; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ReceiptProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\dvcq-file.ico,0"; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\{#ReceiptProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: assocdvcq
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".dvcqbn"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] on purpose: the user's data lives in the platformdirs data folder
; (%LOCALAPPDATA%\dvcq-desktop: database, backups, exports, attachments, logs), outside {app}.
; Uninstalling removes the program only; reinstalling finds the data again.
