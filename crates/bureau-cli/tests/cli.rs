//! The `planner` binary as a user runs it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn planner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planner"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

#[test]
fn init_then_metrics_then_export_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(fixture("tiny.json"))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("12 people"));

    let out = planner()
        .args(["metrics", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let metrics: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(metrics["total_officers"], 9);
    assert_eq!(metrics["moved"], 1);

    let back = dir.path().join("back.json");
    let out = planner()
        .args(["export-bureau", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&back)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(back).expect("read"),
        std::fs::read_to_string(fixture("tiny.json")).expect("read")
    );
}

#[test]
fn a_bad_bureau_file_is_refused_precisely_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(fixture("tiny.json")).expect("read");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, text.replace("\"1990-11\"", "\"1990-1\"")).expect("write");
    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(&bad)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("people[3].birth"), "{err}");
    assert!(err.contains("invalid_bureau_file"), "{err}");
    assert!(!db.exists());
    assert!(!dir.path().join("w.bpw.partial").exists());
}

#[test]
fn init_never_overwrites_a_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    std::fs::write(&db, "keep me").expect("write");
    let out = planner()
        .args(["init", "--from"])
        .arg(fixture("tiny.json"))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&db).expect("read"), "keep me");
}

#[test]
fn fixtures_regenerate_from_their_generator() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["county", "city", "county-infeasible"] {
        let out_file = dir.path().join(format!("{name}.json"));
        let out = planner()
            .args(["fixture", name, "--out"])
            .arg(&out_file)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(&out_file).expect("read"),
            std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("read"),
            "fixtures/{name}.json is stale: run `planner fixture {name} --out fixtures/{name}.json`"
        );
    }
    let out = planner()
        .args(["fixture", "atlantis", "--out"])
        .arg(dir.path().join("x.json"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn solve_then_check_the_county_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = planner()
        .args(["solve", "--json"])
        .arg(fixture("county.json"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(plan["status"], "optimal");
    assert!(plan["metrics"]["station_share"].as_f64().unwrap_or(0.0) >= 0.4);
    let plan_file = dir.path().join("plan.json");
    std::fs::write(&plan_file, &out.stdout).expect("write");
    let out = planner()
        .arg("check")
        .arg(fixture("county.json"))
        .arg(&plan_file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The bureau's own draft keeps everyone in place: the 40% rule fails, and check says so.
    let draft_plan = dir.path().join("draft.json");
    let county: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("county.json")).expect("read"))
            .expect("JSON");
    std::fs::write(&draft_plan, county["draft"].to_string()).expect("write");
    let out = planner()
        .arg("check")
        .arg(fixture("county.json"))
        .arg(&draft_plan)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("hard station_share"));
}

#[test]
fn check_refuses_a_plan_naming_unknown_people_or_units_listing_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let county: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("county.json")).expect("read"))
            .expect("JSON");
    let mut draft = county["draft"].clone();
    let assignment = draft["assignment"].as_object_mut().expect("an assignment");
    let (known, _) = assignment.iter().next().expect("one entry");
    let known = known.clone();
    assignment.insert(known.clone(), "no-such-unit".into());
    assignment.insert("000000-ghost".into(), "also-no-unit".into());
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, draft.to_string()).expect("write");
    let out = planner()
        .arg("check")
        .arg(fixture("county.json"))
        .arg(&plan)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("2 assignment entries"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "assignment[\"{known}\"] = \"no-such-unit\": unknown unit \"no-such-unit\""
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown police number \"000000-ghost\", unknown unit \"also-no-unit\""),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "no verdict on a plan that was refused"
    );
}

#[test]
fn audit_verify_passes_then_fails_after_tampering() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(fixture("tiny.json"))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let verify = || {
        planner()
            .args(["audit", "verify", "--db"])
            .arg(&db)
            .output()
            .expect("runs")
    };
    let out = verify();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact: 1 rows"));
    {
        let conn = rusqlite::Connection::open(&db).expect("open raw");
        conn.execute("UPDATE audit SET actor = 'x' WHERE id = 1", [])
            .expect("tamper");
    }
    let out = verify();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("BROKEN at row 1"));
}

#[test]
fn an_encrypted_workspace_needs_its_passphrase_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let init = |pass: Option<&str>| {
        let mut cmd = planner();
        cmd.args(["init", "--encrypt", "--from"])
            .arg(fixture("county.json"))
            .arg("--db")
            .arg(&db)
            .env_remove("PLANNER_PASSPHRASE");
        if let Some(p) = pass {
            cmd.env("PLANNER_PASSPHRASE", p);
        }
        cmd.output().expect("runs")
    };
    let out = init(None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PLANNER_PASSPHRASE"));
    assert!(!db.exists());
    let out = init(Some("县局改革口令2026"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("encrypted"));

    let metrics = |pass: Option<&str>| {
        let mut cmd = planner();
        cmd.args(["metrics", "--db"])
            .arg(&db)
            .env_remove("PLANNER_PASSPHRASE");
        if let Some(p) = pass {
            cmd.env("PLANNER_PASSPHRASE", p);
        }
        cmd.output().expect("runs")
    };
    let out = metrics(None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("(locked)"));
    let out = metrics(Some("not the passphrase"));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(wrong_passphrase)"), "{stderr}");
    assert!(
        !stderr.contains("ERROR CORE"),
        "SQLCipher stays quiet: {stderr}"
    );
    let out = metrics(Some("县局改革口令2026"));
    assert!(out.status.success());
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(m["total_officers"], 331);
}

/// No byte that a terminal would take as a command: C0 controls except newline and tab, DEL,
/// and the C1 controls' UTF-8 encodings.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw control characters {bad:?} in {text:?}"
    );
}

#[test]
fn terminal_escape_codes_in_names_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file name that would clear the screen and retitle the terminal.
    let evil = dir
        .path()
        .join("roster\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}1m.json");
    let out = planner()
        .args(["init", "--from"])
        .arg(&evil)
        .arg("--db")
        .arg(dir.path().join("w.bpw"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_inert("stderr", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("roster\\x1b[2J\\x1b]0;pwned\\x07\\u{9b}1m.json"),
        "{stderr}"
    );

    // A bureau whose name carries an escape sequence: created and echoed as text, or refused
    // with a message that is inert too.
    let text = std::fs::read_to_string(fixture("tiny.json")).expect("read");
    let text = text.replacen("样例县公安局", "样例县\\u001b[31m公安局", 1);
    let from = dir.path().join("bureau.json");
    std::fs::write(&from, text).expect("write");
    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(&from)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    if out.status.success() {
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("样例县\\x1b[31m公安局"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    // A roster whose cells carry escapes: every problem printed is inert.
    let db = dir.path().join("plain.bpw");
    let out = planner()
        .args(["init", "--from"])
        .arg(fixture("tiny.json"))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "警号,姓名,性别,出生年月,人员类别,现单位\n\u{1b}[2J1,甲\u{1b}]0;x\u{7},男,1980.01,民警,火星\u{1b}[31m所\n",
    )
    .expect("write");
    let out = planner()
        .args(["import", "roster"])
        .arg(&roster)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\\x1b") || stderr.contains("\\u{1b}") || stderr.contains("<U+001B>"),
        "the problems quote the cells, escaped: {stderr}"
    );
}

/// `--weights` sets the solve weights over the file's; a weight out of bounds or unknown is
/// refused naming it (exit 2), and a valid one changes the optimum.
#[test]
fn solve_takes_weights_and_refuses_bad_ones_by_name() {
    let solve = |weights: &str| {
        planner()
            .args(["solve", "--json", "--weights", weights])
            .arg(fixture("tiny.json"))
            .output()
            .expect("runs")
    };
    for (weights, name) in [
        ("transfer=-1", "weights.transfer"),
        ("colour=2", "weights.colour"),
    ] {
        let out = solve(weights);
        assert_eq!(out.status.code(), Some(2), "{weights}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name), "{weights}: {err}");
        assert!(out.stdout.is_empty(), "{weights}");
    }
    let objective = |weights: &str| {
        let out = solve(weights);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        plan["objective"].as_f64().expect("objective")
    };
    assert!(objective("move=5,wish=1") > objective("move=1"));
}

#[test]
fn a_missing_workspace_is_refused_by_every_subcommand_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("none.bpw");
    let out_file = dir.path().join("out.json");
    let runs: [&[&str]; 3] = [
        &["audit", "verify", "--db"],
        &["metrics", "--db"],
        &["export-bureau", "--out", "PLACEHOLDER", "--db"],
    ];
    for args in runs {
        let mut cmd = planner();
        for a in args {
            if *a == "PLACEHOLDER" {
                cmd.arg(&out_file);
            } else {
                cmd.arg(a);
            }
        }
        let out = cmd.arg(&db).output().expect("runs");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("(not_found)"), "{args:?}: {stderr}");
        assert!(stderr.contains("none.bpw"), "{args:?}: {stderr}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "{args:?} left {left:?}");
    }
}

#[test]
fn init_from_a_generated_bureau_then_export_bureau_through_the_api() {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = dir.path().join("bureau.json");
    let bureau = bureau_samples::test_county();
    let (structure, draft) =
        bureau_core::templates::apply(bureau_core::templates::Template::OnePlusFive, &bureau);
    let file = bureau_core::BureauFile::new(bureau, structure, Some(draft));
    std::fs::write(&from, file.to_json_pretty()).expect("write");
    let db = dir.path().join("w.bpw");
    let out = planner()
        .args(["init", "--scenario-name", "方案甲", "--from"])
        .arg(&from)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{} people", file.people.len())),
        "{stdout}"
    );
    assert!(stdout.contains(&file.bureau.name), "{stdout}");
    assert!(!stdout.contains("青山"), "{stdout}");

    let back = dir.path().join("back.json");
    let out = planner()
        .args(["export-bureau", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&back)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&back).expect("written");
    let again = bureau_core::BureauFile::parse(&text).expect("a bureau file");
    assert_eq!(again.people.len(), file.people.len());
    assert_eq!(again.bureau.name, file.bureau.name);
    assert!(!text.contains("青山"));
}
