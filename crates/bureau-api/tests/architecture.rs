//! The architecture's invariants, checked on the source tree (ARCHITECTURE.md):
//! - only `crates/bureau-storage` speaks SQL: no `rusqlite` and no SQL statement in the product
//!   code of any other crate (tests may open a workspace file raw to tamper with it);
//! - only `src-tauri` and `ui/src/lib/backend` know Tauri;
//! - the hosts (the CLI, `planner serve`, the desktop shell) reach the workspace only through
//!   `bureau_api::Api`: their product code neither names `bureau_storage` nor depends on it;
//! - comments say why, not which tracker entry asked: no `issue 5`, `#12`, `session 3`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` whose name ends with one of `exts`, skipping dependencies and builds.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(
                    name.as_str(),
                    "node_modules" | "target" | "dist" | "artifacts" | "gen"
                ) {
                    stack.push(path);
                }
            } else if exts.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    let root = root().canonicalize().unwrap_or_else(|_| root());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root)
        .unwrap_or(&path)
        .display()
        .to_string()
}

/// The code of a Rust or TypeScript line without its `//` comment (a `//` after `:` is a URL).
fn code_part(line: &str) -> &str {
    let mut from = 0;
    while let Some(i) = line[from..].find("//") {
        let at = from + i;
        if at > 0 && line.as_bytes()[at - 1] == b':' {
            from = at + 2;
            continue;
        }
        return &line[..at];
    }
    line
}

/// The comment text of a line of Rust, TypeScript or Svelte (`//`, `/* */`, ` * `, `<!-- -->`).
fn comment_part(line: &str) -> Option<&str> {
    let code = code_part(line);
    if code.len() < line.len() {
        return Some(&line[code.len()..]);
    }
    let t = line.trim_start();
    if t.starts_with("/*") || t.starts_with("* ") || t == "*" || t.starts_with("<!--") {
        return Some(t);
    }
    line.find("/*")
        .or_else(|| line.find("<!--"))
        .map(|i| &line[i..])
}

const SQL_WORDS: [&str; 7] = [
    "SELECT ",
    "INSERT INTO",
    "DELETE FROM",
    "CREATE TABLE",
    "ALTER TABLE",
    "PRAGMA ",
    "rusqlite",
];

/// The SQL a line of Rust code holds (outside its comment), if any.
fn sql_in(line: &str) -> Option<&'static str> {
    let code = code_part(line);
    if let Some(word) = SQL_WORDS.iter().find(|w| code.contains(**w)) {
        return Some(word);
    }
    // `UPDATE <table> SET` inside a string.
    let at = code.find("\"UPDATE ").or_else(|| code.find(" UPDATE "))?;
    code[at..].contains(" SET ").then_some("UPDATE … SET")
}

/// A tracker reference in a comment: `issue 5`, `Issue #12`, `session 3`, `#12`.
fn tracker_in(comment: &str) -> Option<String> {
    let lower = comment.to_lowercase();
    for word in ["issue", "session", "task", "ticket"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(word) {
            let at = from + i;
            let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let rest = lower[at + word.len()..].trim_start_matches([' ', 's']);
            let rest = rest.strip_prefix('#').unwrap_or(rest);
            if before_ok && rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Some(comment[at..].chars().take(word.len() + 4).collect());
            }
            from = at + word.len();
        }
    }
    let bytes = comment.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let starts = i == 0 || matches!(bytes[i - 1], b' ' | b'(' | b'[');
        if *b == b'#' && starts && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let digits: String = comment[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = comment[i + 1 + digits.len()..].chars().next();
            // `#12` but not a colour such as `#123abc`.
            if !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                return Some(format!("#{digits}"));
            }
        }
    }
    None
}

fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn product_rust() -> Vec<PathBuf> {
    let root = root();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("crates"))
        .expect("crates")
        .flatten()
    {
        out.extend(files(&entry.path().join("src"), &[".rs"]));
    }
    out.extend(files(&root.join("src-tauri/src"), &[".rs"]));
    out
}

#[test]
fn only_storage_speaks_sql() {
    let mut found = Vec::new();
    for path in product_rust() {
        if relative(&path).starts_with("crates/bureau-storage/") {
            continue;
        }
        for (n, line) in lines_of(&path).iter().enumerate() {
            if let Some(sql) = sql_in(line) {
                found.push(format!("{}:{}: {sql}", relative(&path), n + 1));
            }
        }
    }
    for manifest in files(&root().join("crates"), &["Cargo.toml"]) {
        if relative(&manifest).starts_with("crates/bureau-storage/") {
            continue;
        }
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        let deps = text.split("[dev-dependencies]").next().unwrap_or("");
        if deps.lines().any(|l| l.trim_start().starts_with("rusqlite")) {
            found.push(format!("{}: depends on rusqlite", relative(&manifest)));
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside crates/bureau-storage:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn only_the_desktop_shell_and_the_ui_backend_know_tauri() {
    let mut found = Vec::new();
    for path in product_rust() {
        if relative(&path).starts_with("src-tauri/") {
            continue;
        }
        for (n, line) in lines_of(&path).iter().enumerate() {
            let code = code_part(line);
            if code.contains("tauri::") || code.contains("use tauri") {
                found.push(format!("{}:{}", relative(&path), n + 1));
            }
        }
    }
    for manifest in files(&root().join("crates"), &["Cargo.toml"]) {
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        if text.lines().any(|l| l.trim_start().starts_with("tauri")) {
            found.push(format!("{}: depends on Tauri", relative(&manifest)));
        }
    }
    for path in files(&root().join("ui/src"), &[".ts", ".svelte"]) {
        if relative(&path).starts_with("ui/src/lib/backend/") {
            continue;
        }
        for (n, line) in lines_of(&path).iter().enumerate() {
            let code = code_part(line);
            if code.contains("@tauri-apps") || code.contains("__TAURI") {
                found.push(format!("{}:{}", relative(&path), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Tauri outside src-tauri and ui/src/lib/backend:\n  {}",
        found.join("\n  ")
    );
}

/// Where a line of Rust code (outside its comment) names the storage crate.
fn storage_in(line: &str) -> bool {
    code_part(line).contains("bureau_storage")
}

/// Whether a manifest's own dependencies (not its dev-dependencies) include the storage crate.
fn depends_on_storage(manifest: &str) -> bool {
    let mut in_deps = false;
    for line in manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_deps = t == "[dependencies]";
        } else if in_deps && t.starts_with("bureau-storage") {
            return true;
        }
    }
    false
}

#[test]
fn hosts_reach_the_workspace_only_through_the_api() {
    let root = root();
    let mut found = Vec::new();
    for host in ["crates/bureau-cli", "src-tauri"] {
        for path in files(&root.join(host).join("src"), &[".rs"]) {
            for (n, line) in lines_of(&path).iter().enumerate() {
                if storage_in(line) {
                    found.push(format!("{}:{}", relative(&path), n + 1));
                }
            }
        }
        let manifest = root.join(host).join("Cargo.toml");
        if depends_on_storage(&std::fs::read_to_string(&manifest).unwrap_or_default()) {
            found.push(format!(
                "{}: depends on bureau-storage",
                relative(&manifest)
            ));
        }
    }
    assert!(
        found.is_empty(),
        "a host calling storage directly (add an Api method instead):\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn comments_carry_no_tracker_numbers() {
    let root = root();
    let mut paths = Vec::new();
    for dir in [
        "crates",
        "src-tauri/src",
        "src-tauri/tests",
        "ui/src",
        "tests/e2e",
    ] {
        paths.extend(files(&root.join(dir), &[".rs", ".ts", ".svelte", ".mjs"]));
    }
    let mut found = Vec::new();
    for path in paths {
        // This file spells the forbidden references out as examples.
        if relative(&path) == "crates/bureau-api/tests/architecture.rs" {
            continue;
        }
        for (n, line) in lines_of(&path).iter().enumerate() {
            if let Some(reference) = comment_part(line).and_then(tracker_in) {
                found.push(format!("{}:{}: {reference}", relative(&path), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "comments naming a tracker entry (say why instead):\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_detectors_find_what_they_look_for() {
    assert_eq!(
        sql_in(r#"let n = conn.query_row("SELECT count(*) FROM x", [], f);"#),
        Some("SELECT ")
    );
    assert_eq!(
        sql_in(r#"c.execute("UPDATE audit SET actor = 'x'", [])"#),
        Some("UPDATE … SET")
    );
    assert_eq!(sql_in("use rusqlite::Connection;"), Some("rusqlite"));
    assert_eq!(sql_in("// SELECT nothing: a comment"), None);
    assert_eq!(sql_in("let update = select(units);"), None);

    assert!(storage_in("use bureau_storage::Workspace;"));
    assert!(storage_in(
        "    let _ = bureau_storage::ensure_private_dir(&d);"
    ));
    assert!(!storage_in("// bureau_storage holds the SQL"));
    assert!(depends_on_storage(
        "[dependencies]\nbureau-storage.workspace = true\n[dev-dependencies]\n"
    ));
    assert!(!depends_on_storage(
        "[dependencies]\nbureau-api.workspace = true\n[dev-dependencies]\nbureau-storage = {}\n"
    ));

    assert_eq!(comment_part("let a = 1; // why"), Some("// why"));
    assert_eq!(comment_part(r#"let url = "http://x";"#), None);
    assert_eq!(
        comment_part("  <!-- the header -->"),
        Some("<!-- the header -->")
    );

    assert!(tracker_in("// Scenarios (issue 5): reload").is_some());
    assert!(tracker_in("// see Issue #12").is_some());
    assert!(tracker_in("// fixed in #12.").is_some());
    assert!(tracker_in("/* session 3 */").is_some());
    assert!(tracker_in("// the session holds the workspace").is_none());
    assert!(tracker_in("// colour #1e90ff").is_none());
    assert!(tracker_in("// issues of the bureau, 5 units").is_none());
}
