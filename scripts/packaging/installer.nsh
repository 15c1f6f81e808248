; Included by electron-builder's NSIS installer and uninstaller (`nsis.include` in
; electron-builder.yml). APP_EXECUTABLE_FILENAME is defined after this file is read, so it is only
; used inside the macros.

; --- kvue:// links -------------------------------------------------------------------------------
; electron-builder's `protocols` option only fills the macOS Info.plist; on Windows the URL scheme
; is a class key the installer has to write. SHELL_CONTEXT is HKCU for a per-user and HKLM for a
; per-machine installation, so the link works for exactly the users the console is installed for,
; and a per-user installation needs no administrator rights. The command has the form Electron's
; app.setAsDefaultProtocolClient writes at start, so the uninstaller can recognise that key too.
!define KVUE_SCHEME_KEY "Software\Classes\kvue"

; --- The administrator's preset ------------------------------------------------------------------
; kvue-desk.config.json sits in the installation folder, which an update empties before it unpacks
; the new version. Without carrying it over, the first update would drop the preset, and with it
; the locked server address and the update address itself.
!define KVUE_PRESET "kvue-desk.config.json"

!ifndef BUILD_UNINSTALLER
  Var kvuePresetFrom
!endif

!macro customInit
  ; initMultiUser has set $INSTDIR to the existing installation, if there is one.
  StrCpy $kvuePresetFrom ""
  ${if} ${FileExists} "$INSTDIR\${KVUE_PRESET}"
    InitPluginsDir
    CopyFiles /SILENT "$INSTDIR\${KVUE_PRESET}" "$PLUGINSDIR"
    StrCpy $kvuePresetFrom "$INSTDIR"
  ${endIf}
!macroend

!macro customInstall
  DeleteRegKey SHELL_CONTEXT "${KVUE_SCHEME_KEY}"
  WriteRegStr SHELL_CONTEXT "${KVUE_SCHEME_KEY}" "" "URL:${PRODUCT_NAME}-Link"
  WriteRegStr SHELL_CONTEXT "${KVUE_SCHEME_KEY}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "${KVUE_SCHEME_KEY}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "${KVUE_SCHEME_KEY}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'

  ; Only back into the folder it came from: installing elsewhere is a new installation.
  ${if} $kvuePresetFrom == "$INSTDIR"
  ${andIf} ${FileExists} "$PLUGINSDIR\${KVUE_PRESET}"
  ${AndIfNot} ${FileExists} "$INSTDIR\${KVUE_PRESET}"
    CopyFiles /SILENT "$PLUGINSDIR\${KVUE_PRESET}" "$INSTDIR"
  ${endIf}
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first; links must keep working across it.
  ${ifNot} ${isUpdated}
    DeleteRegKey SHELL_CONTEXT "${KVUE_SCHEME_KEY}"
    ; The console also registers the scheme in HKCU of each user who starts it. After a
    ; per-machine installation that key would outrank HKLM and point at a deleted program.
    ReadRegStr $0 HKCU "${KVUE_SCHEME_KEY}\shell\open\command" ""
    ${if} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
      DeleteRegKey HKCU "${KVUE_SCHEME_KEY}"
    ${endIf}
  ${endIf}
!macroend
