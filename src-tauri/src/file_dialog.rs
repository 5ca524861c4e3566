//! The native file dialog as every one of the app's dialogs opens it: in the planner's
//! documents folder (the working directory of an app started from the menu is their home, or
//! `/`) and modal to the main window. Callers add their filter and file name.

use tauri::{Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

pub fn file_dialog<R: Runtime>(app: &tauri::AppHandle<R>) -> FileDialogBuilder<R> {
    let mut dialog = app.dialog().file();
    if let Some(dir) = app
        .path()
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| app.path().home_dir().ok())
    {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window(crate::nav_guard::MAIN_WINDOW) {
        dialog = dialog.set_parent(&window);
    }
    dialog
}
