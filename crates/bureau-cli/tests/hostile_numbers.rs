//! The county with one count near `u32::MAX`, through the binary as a user runs it: `init`,
//! `solve` and `check` refuse it with the place in the file and the limit, exit 1 and create
//! nothing; none of them panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn planner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planner"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

fn refused(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("old_units[0].head_posts"), "{err}");
    assert!(
        err.contains("a count of at most 100000, found 4294967295"),
        "{err}"
    );
    err
}

#[test]
fn a_county_with_one_huge_count_is_refused_by_init_solve_and_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut county: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("county.json")).expect("read"))
            .expect("JSON");
    county["old_units"][0]["head_posts"] = serde_json::json!(u32::MAX);
    let bad = dir.path().join("huge.json");
    std::fs::write(&bad, county.to_string()).expect("write");

    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(&bad)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    refused(&out);
    assert!(!db.exists());

    let out = planner()
        .args(["solve", "--time-limit", "5", "--json"])
        .arg(&bad)
        .output()
        .expect("runs");
    refused(&out);

    let plan = dir.path().join("draft.json");
    std::fs::write(&plan, county["draft"].to_string()).expect("write");
    let out = planner()
        .arg("check")
        .arg(&bad)
        .arg(&plan)
        .output()
        .expect("runs");
    refused(&out);
}
