//! Tauri's build step. The app manifest lists the app's own commands, so that each gets an
//! `allow-<command>` permission and none is callable from the webview unless a capability in
//! `capabilities/` grants it (without a manifest every app command would be allowed).
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "api",
        "save_export",
        "workspace_files",
        "startup_probe",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step");
}
