//! One process per workspace, across real processes: while `planner serve` holds a workspace,
//! every other opener (the CLI, a second server) is refused with `workspace_in_use` naming the
//! server's pid; a re-key in the server loses no acknowledged edit; after a SIGKILL of the
//! holder the workspace opens again. And the files the hosts create are owner-only, whatever
//! the umask.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};
use support::{call, init_workspace, serve, Server};

const PASS: &str = "青山县-改革办-2024";

fn planner(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("PLANNER_PASSPHRASE", PASS)
        .output()
        .expect("planner runs")
}

fn assert_refused_by(out: &Output, server: &Server, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{what}: should fail");
    assert!(
        stderr.contains("(workspace_in_use)")
            && stderr.contains("open in another process: planner serve")
            && stderr.contains(&format!("pid {}", server.child.id())),
        "{what}: {stderr}"
    );
}

fn kill_9(server: &mut Server) {
    let status = Command::new("kill")
        .args(["-9", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let _ = server.child.wait();
}

#[test]
fn while_serve_holds_a_workspace_the_cli_and_a_second_server_are_refused() {
    let (_dir, db) = init_workspace("tiny.json");
    let mut server = serve(&db);
    let metrics = call(&server, "metrics", json!({}));

    let out = planner(&["metrics"], &db);
    assert_refused_by(&out, &server, "metrics");
    assert!(out.stdout.is_empty());
    let out = planner(&["serve", "--port", "0"], &db);
    assert_refused_by(&out, &server, "a second serve");
    // The server did not notice any of that.
    assert_eq!(call(&server, "metrics", json!({})), metrics);

    // SIGKILL: no clean-up; the lock file stays, the kernel drops the lock.
    kill_9(&mut server);
    assert!(bureau_storage::lock_path(&db).exists());
    let out = planner(&["metrics"], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after: Value = serde_json::from_slice(&out.stdout).expect("metrics JSON");
    assert_eq!(after, metrics);
}

/// The lost-edit scenario: a server re-keys the workspace (a new file renamed over the path)
/// while someone else tries to work on it. The other opener is refused, so every edit the
/// server acknowledged is in the file.
#[test]
fn a_re_key_while_another_opener_tries_loses_no_acknowledged_edit() {
    let (_dir, db) = init_workspace("county.json");
    let mut server = serve(&db);
    let people: Vec<String> = call(&server, "people", json!({}))
        .as_array()
        .expect("people")
        .iter()
        .filter_map(|p| p["police_number"].as_str().map(str::to_owned))
        .take(10)
        .collect();
    let station = call(&server, "overview", json!({}))["new_units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["kind"] == "police_station")
        .map(|u| u["id"].clone())
        .expect("a station");

    assert_refused_by(&planner(&["serve", "--port", "0"], &db), &server, "B");
    call(&server, "change_passphrase", json!({"new": PASS}));
    // Still refused after the file under the path was replaced.
    assert_refused_by(&planner(&["metrics"], &db), &server, "after re-key");
    for pn in &people {
        call(
            &server,
            "move_people",
            json!({"police_numbers": [pn], "to": station}),
        );
    }
    kill_9(&mut server);

    let exported = db.with_file_name("back.json");
    let out = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(["export-bureau", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&exported)
        .env("PLANNER_PASSPHRASE", PASS)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).expect("read")).expect("json");
    for pn in &people {
        assert_eq!(
            file["draft"]["assignment"][pn], station,
            "{pn}: acknowledged move lost"
        );
    }
}

/// `planner serve` on the default workspace, started with a permissive umask.
#[cfg(unix)]
#[test]
fn the_data_folder_workspace_and_logs_are_owner_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" serve --port 0 --ui-dir \"$1\"")
        .arg(env!("CARGO_BIN_EXE_planner"))
        .arg(home.path())
        .env("XDG_DATA_HOME", &data)
        .env_remove("PLANNER_PASSPHRASE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("url");
    let (address, token) = line
        .trim()
        .split_once("/?token=")
        .unwrap_or_else(|| panic!("no token in {line:?}"));
    let port = address
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let server = Server {
        child,
        port,
        token: token.to_owned(),
    };
    call(&server, "workspace_create", json!({"encrypt": false}));
    call(&server, "set_idle_lock", json!({"seconds": 300}));

    let mode = |p: &Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let folder = data.join("cn.bureauplanner.desktop");
    assert_eq!(mode(&folder), 0o700, "data folder");
    assert_eq!(mode(&folder.join("logs")), 0o700, "log folder");
    for name in [
        "workspace.bpw",
        "workspace.bpw-wal",
        "workspace.bpw-shm",
        "workspace.bpw.lock",
        "logs/planner.log",
    ] {
        assert_eq!(mode(&folder.join(name)), 0o600, "{name}");
    }
    // The umask really was permissive: a file made without an explicit mode is 0644.
    let probe = home.path().join("probe");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022; : > \"$0\"")
        .arg(&probe)
        .status()
        .expect("sh");
    assert!(out.success());
    assert_eq!(mode(&probe), 0o644);
}
