//! The locked-down shell, as configured: a strict Content-Security-Policy, capabilities that
//! grant only the app's own commands, and no shell, http or file-system plugin. This reads the
//! files (`tauri.conf.json`, `capabilities/*.json`, `Cargo.toml`) and fails on anything looser.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every permission a capability may grant: the app's own commands (see `build.rs`).
const ALLOWED_PERMISSIONS: &[&str] = &[
    "allow-api",
    "allow-save-export",
    "allow-workspace-files",
    "allow-startup-probe",
];

/// Every source expression the policy may use: keywords and Tauri's local IPC origins.
const ALLOWED_SOURCES: &[&str] = &["'self'", "'none'", "ipc:", "http://ipc.localhost"];

/// The one directive that may say `'unsafe-inline'`: style *attributes* (ECharts writes its
/// tooltips as HTML with `style="…"`). Never scripts, never `<style>` elements.
const INLINE_STYLE_ATTRIBUTES: &str = "style-src-attr";

/// Directives that must be present with exactly these sources.
const REQUIRED: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("style-src", &["'self'"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'self'"]),
    ("form-action", &["'none'"]),
    ("frame-src", &["'none'"]),
    ("frame-ancestors", &["'none'"]),
];

/// Plugins that would hand the page a shell, the network or the file system.
const FORBIDDEN_CRATES: &[&str] = &[
    "tauri-plugin-shell",
    "tauri-plugin-http",
    "tauri-plugin-fs",
    "tauri-plugin-opener",
    "tauri-plugin-process",
    "tauri-plugin-upload",
    "tauri-plugin-websocket",
    "tauri-plugin-updater",
];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    read_json(&crate_dir().join("tauri.conf.json"))
}

/// The policy as directive → sources, whether written as one string or as an object.
fn parse_csp(csp: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    match csp {
        Value::String(s) => {
            for directive in s.split(';').map(str::trim).filter(|d| !d.is_empty()) {
                let mut parts = directive.split_whitespace();
                let name = parts.next().unwrap_or_default().to_ascii_lowercase();
                out.insert(name, parts.map(str::to_owned).collect());
            }
        }
        Value::Object(map) => {
            for (name, sources) in map {
                let sources = match sources {
                    Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
                    Value::Array(list) => list
                        .iter()
                        .map(|v| v.as_str().expect("a CSP source is a string").to_owned())
                        .collect(),
                    other => panic!("CSP directive {name}: unexpected {other}"),
                };
                out.insert(name.to_ascii_lowercase(), sources);
            }
        }
        other => panic!("app.security.csp must be set (a string or an object), found {other}"),
    }
    out
}

/// What is wrong with a policy; empty when it is as strict as required.
fn csp_problems(csp: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, expected) in REQUIRED {
        match csp.get(*name) {
            None => problems.push(format!("{name} is missing")),
            Some(sources) if sources != expected => {
                problems.push(format!("{name} must be {}", expected.join(" ")));
            }
            Some(_) => {}
        }
    }
    for (name, sources) in csp {
        for source in sources {
            if name == INLINE_STYLE_ATTRIBUTES && source == "'unsafe-inline'" {
                continue;
            }
            if source.to_ascii_lowercase().starts_with("'unsafe-") {
                problems.push(format!("{name} allows {source}"));
            } else if !ALLOWED_SOURCES.contains(&source.as_str()) {
                problems.push(format!("{name} allows {source} (remote or unknown source)"));
            }
        }
    }
    problems
}

#[test]
fn the_content_security_policy_is_strict() {
    let config = config();
    let security = &config["app"]["security"];
    let csp = parse_csp(&security["csp"]);
    let problems = csp_problems(&csp);
    assert!(problems.is_empty(), "CSP: {}", problems.join("; "));
    // A separate development policy would be used by debug builds: none, or as strict.
    if !security["devCsp"].is_null() {
        let problems = csp_problems(&parse_csp(&security["devCsp"]));
        assert!(problems.is_empty(), "devCsp: {}", problems.join("; "));
    }
    // Tauri adds nonces and hashes for the app's own scripts and styles; keep it that way.
    let modification = &security["dangerousDisableAssetCspModification"];
    assert!(
        modification.is_null() || modification == &Value::Bool(false),
        "dangerousDisableAssetCspModification must stay unset"
    );
    assert_ne!(
        security["assetProtocol"]["enable"],
        Value::Bool(true),
        "the asset protocol (files from disk) must stay off"
    );
    assert_ne!(
        config["app"]["withGlobalTauri"],
        Value::Bool(true),
        "window.__TAURI__ must not be exposed"
    );
}

#[test]
fn the_policy_checker_catches_loose_policies() {
    let loose = [
        "default-src 'self' https://cdn.example.com; script-src 'self'",
        "default-src *; script-src 'self'",
        "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "default-src 'self'; script-src 'self' 'unsafe-eval'",
        "default-src 'self'; style-src 'self' 'unsafe-inline'",
        "script-src 'self'; object-src 'none'",
        "default-src 'self'; script-src 'self' data:",
        "default-src 'self'; script-src 'self'; script-src-attr 'unsafe-inline'",
        "default-src 'self'; script-src 'self'; style-src-elem 'unsafe-inline'",
        "default-src 'self'; script-src 'self'; style-src-attr 'unsafe-eval'",
    ];
    for policy in loose {
        let csp = parse_csp(&Value::String(policy.into()));
        assert!(!csp_problems(&csp).is_empty(), "{policy} passed");
    }
}

#[test]
fn the_main_window_is_built_by_the_navigation_guard() {
    // `"create": false`: Tauri leaves the window to `nav_guard::create_main_window`, which adds
    // the navigation and new-window handlers. A window created from the configuration alone
    // would have neither.
    let config = config();
    let windows = config["app"]["windows"].as_array().expect("app.windows");
    assert!(!windows.is_empty());
    for window in windows {
        assert_eq!(
            window["create"],
            Value::Bool(false),
            "window {} must be created by the navigation guard",
            window["label"]
        );
        assert!(window["url"].is_null() || window["url"] == "index.html");
    }
}

#[test]
fn capabilities_grant_only_the_apps_own_commands() {
    let config = config();
    assert!(
        config["app"]["security"]["capabilities"]
            .as_array()
            .is_none_or(|c| c.is_empty()),
        "capabilities are the files in capabilities/ only"
    );
    let dir = crate_dir().join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("capabilities/")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        assert_eq!(ext, "json", "{}: only JSON capabilities", path.display());
        let cap = read_json(&path);
        assert!(
            cap["remote"].is_null(),
            "{}: no remote URL may use the IPC",
            path.display()
        );
        for key in ["windows", "webviews"] {
            for label in cap[key].as_array().into_iter().flatten() {
                assert_eq!(
                    label,
                    "main",
                    "{}: {key} must be [\"main\"]",
                    path.display()
                );
            }
        }
        for permission in cap["permissions"].as_array().expect("permissions") {
            let id = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .expect("a permission identifier");
            assert!(
                ALLOWED_PERMISSIONS.contains(&id),
                "{}: permission {id} is not in the allow-list {ALLOWED_PERMISSIONS:?}",
                path.display()
            );
        }
    }
}

#[test]
fn every_app_command_is_listed_in_the_app_manifest() {
    // Without `AppManifest::commands` every app command is callable; with it, only those a
    // capability grants. The manifest and the allow-list name the same commands.
    let build = std::fs::read_to_string(crate_dir().join("build.rs")).expect("build.rs");
    for permission in ALLOWED_PERMISSIONS {
        let command = permission.trim_start_matches("allow-").replace('-', "_");
        assert!(
            build.contains(&format!("\"{command}\"")),
            "build.rs must list {command} in the app manifest"
        );
    }
}

/// The dependency names of one `[...dependencies]` table of a Cargo.toml.
fn dependency_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line
                .trim_matches(|c| c == '[' || c == ']')
                .ends_with("dependencies");
            continue;
        }
        if in_deps && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                names.push(name.trim().split('.').next().unwrap_or_default().to_owned());
            }
        }
    }
    names
}

#[test]
fn no_shell_http_or_fs_plugin() {
    let manifest = std::fs::read_to_string(crate_dir().join("Cargo.toml")).expect("Cargo.toml");
    let names = dependency_names(&manifest);
    assert!(names.iter().any(|n| n == "tauri"), "parsed {names:?}");
    for name in &names {
        assert!(
            !FORBIDDEN_CRATES.contains(&name.as_str()),
            "src-tauri depends on {name}"
        );
    }
    // Nor through the workspace: the table the crate inherits from.
    let workspace =
        std::fs::read_to_string(crate_dir().join("../Cargo.toml")).expect("the workspace");
    for name in dependency_names(&workspace) {
        assert!(
            !FORBIDDEN_CRATES.contains(&name.as_str()),
            "the workspace declares {name}"
        );
    }
}
