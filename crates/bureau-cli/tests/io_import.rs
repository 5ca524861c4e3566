//! Roster import and document export through a real SQLite workspace and the `planner` binary:
//! a good roster replaces the roster in one go (placements of people who leave are dropped),
//! a bad one changes nothing, and the exports are written where asked.

use std::path::{Path, PathBuf};
use std::process::Command;

use bureau_api::{Api, ErrorCode, ExportArgs};
use bureau_core::{Bureau, BureauFile, Person, Scenario};
use bureau_io::export::Format;
use bureau_io::import::{roster_csv, roster_xlsx};
use bureau_storage::Workspace;

fn planner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planner"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

fn county() -> BureauFile {
    let text = std::fs::read_to_string(fixture("county.json")).expect("reads");
    BureauFile::parse(&text).expect("parses")
}

fn workspace(dir: &Path) -> PathBuf {
    let db = dir.join("w.bpw");
    Workspace::create(&db, &county(), "初始方案").expect("creates");
    db
}

/// Everything an import could change: the bureau and every scenario.
fn snapshot(db: &Path) -> (Bureau, Vec<Scenario>) {
    let mut ws = Workspace::open(db).expect("opens");
    let scenarios = ws
        .scenarios()
        .expect("lists")
        .iter()
        .map(|s| ws.scenario(s.id).expect("loads"))
        .collect();
    (ws.bureau().expect("bureau"), scenarios)
}

fn csv_of(people: &[Person]) -> Vec<u8> {
    let file = county();
    roster_csv(people, &file.old_units, &file.structure.units)
}

#[test]
fn a_changed_roster_replaces_the_old_one_and_drops_placements_of_people_who_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let file = county();
    let mut people = file.people.clone();
    let gone = people.remove(5);
    people[0].current_unit = "o-ps01".into();
    people[0].rank = "一级高级警长".into();
    let mut newcomer = people[1].clone();
    newcomer.police_number = "369999".into();
    newcomer.name = "新同志".into();
    people.push(newcomer);
    let roster = dir.path().join("花名册.xlsx");
    std::fs::write(
        &roster,
        roster_xlsx(&people, &file.old_units, &file.structure.units).expect("writes"),
    )
    .expect("saves");

    let api = Api::open(&db).expect("opens");
    let preview = api.import_preview_file(&roster).expect("previews");
    assert!(preview.can_import, "{:?}", preview.read.problems);
    assert_eq!(preview.read.created.len(), 1);
    assert_eq!(preview.read.updated.len(), 1);
    assert_eq!(preview.read.updated[0].changes, ["rank", "current_unit"]);
    assert_eq!(preview.read.removed.len(), 1);
    assert_eq!(preview.read.removed[0].police_number, gone.police_number);
    assert_eq!(preview.dropped_placements.len(), 1);
    assert_eq!(
        preview.dropped_placements[0].people,
        std::slice::from_ref(&gone.police_number)
    );

    let done = api.import_roster_file(&roster).expect("imports");
    assert_eq!((done.created, done.updated, done.removed), (1, 1, 1));
    drop(api);
    let (bureau, scenarios) = snapshot(&db);
    assert_eq!(bureau.people, people);
    let draft = &scenarios[0].draft;
    assert!(!draft.assignment.contains_key(&gone.police_number));
    assert_eq!(
        draft.assignment.len(),
        file.draft.as_ref().map_or(0, |d| d.assignment.len()) - 1
    );
}

#[test]
fn each_kind_of_bad_roster_leaves_the_workspace_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let before = snapshot(&db);
    let file = county();
    let good = String::from_utf8(csv_of(&file.people)).expect("utf-8");
    let lines: Vec<&str> = good.split("\r\n").collect();
    // Row 3 (the second person) made bad in one way at a time.
    let cases: [(&str, &str, &str); 5] = [
        ("duplicate number", "360001,", "A (警号)"),
        ("unknown unit", "火星派出所", "H (现单位)"),
        ("impossible date", "1981.13", "D (出生年月)"),
        ("impossible age", "2020-01", "D (出生年月)"),
        ("unknown category", "协警", "E (人员类别)"),
    ];
    let api = Api::open(&db).expect("opens");
    for (what, bad_value, column) in cases {
        let mut cells: Vec<String> = lines[2].split(',').map(str::to_owned).collect();
        match what {
            "duplicate number" => cells[0] = "360001".into(),
            "unknown unit" => cells[7] = bad_value.into(),
            "impossible date" | "impossible age" => cells[3] = bad_value.into(),
            _ => cells[4] = bad_value.into(),
        }
        let mut bad_lines = lines.clone();
        let bad_row = cells.join(",");
        bad_lines[2] = &bad_row;
        let path = dir.path().join(format!("{what}.csv"));
        std::fs::write(&path, bad_lines.join("\r\n")).expect("writes");
        let preview = api.import_preview_file(&path).expect("previews");
        assert_eq!(
            preview.read.problems.len(),
            1,
            "{what}: {:?}",
            preview.read.problems
        );
        let p = &preview.read.problems[0];
        assert_eq!(
            (p.row, p.column.as_deref()),
            (Some(3), Some(column)),
            "{what}"
        );
        assert_eq!(p.file, format!("{what}.csv"));
        let err = api.import_roster_file(&path).expect_err(what);
        assert_eq!(err.code, ErrorCode::BadRequest);
        assert!(err.message.contains("row 3"), "{}", err.message);
    }
    drop(api);
    assert_eq!(snapshot(&db), before);

    // The same through the command line: exit 1, every problem on stderr, nothing changed.
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "警号,姓名,性别,出生年月,人员类别,现单位\nA1,甲,男,1980.01,民警,火星\n",
    )
    .expect("writes");
    let out = planner()
        .args(["import", "roster"])
        .arg(&path)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.csv, row 2, column F (现单位): found \"火星\""),
        "{stderr}"
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn the_cli_imports_a_gbk_roster_and_exports_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let before = snapshot(&db);
    let text = String::from_utf8(csv_of(&county().people)[3..].to_vec()).expect("utf-8");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let path = dir.path().join("gbk.csv");
    std::fs::write(&path, &gbk).expect("writes");
    let out = planner()
        .args(["import", "roster"])
        .arg(&path)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("800 unchanged"));
    assert_eq!(snapshot(&db).0.people, before.0.people);

    for format in ["docx", "xlsx", "csv"] {
        let target = dir.path().join(format!("plan.{format}"));
        let out = planner()
            .args(["export", format, "--db"])
            .arg(&db)
            .args(["--scenario", "初始方案", "--out"])
            .arg(&target)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&target).expect("written");
        assert!(bytes.len() > 1000, "{format}");
    }
    let out = planner()
        .args(["export", "docx", "--db"])
        .arg(&db)
        .args(["--scenario", "没有这个方案", "--out"])
        .arg(dir.path().join("x.docx"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not_found"));
}

#[test]
fn the_api_returns_exports_as_base64_when_no_path_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let api = Api::open(&db).expect("opens");
    let out = api
        .export_document(ExportArgs {
            scenario_id: None,
            compare: vec![],
            format: Format::Xlsx,
            settings: None,
        })
        .expect("exports");
    assert_eq!(out.file_name, "青山县公安局-初始方案.xlsx");
    assert!(out.bytes_base64.starts_with("UEsDB"));
    let v = api
        .call("roster_template", serde_json::json!({}))
        .expect("template");
    assert!(v["bytes_base64"]
        .as_str()
        .is_some_and(|b| b.starts_with("UEsDB")));
    let e = api
        .call(
            "import_preview",
            serde_json::json!({"bytes_base64": "@@@", "file_name": "x.csv"}),
        )
        .expect_err("not base64");
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = api
        .call("export_document", serde_json::json!({"format": "pdf"}))
        .expect_err("no such format");
    assert_eq!(e.code, ErrorCode::BadRequest);
}

/// The benchmark: a 6,000-row roster (the city sample) imported through the API.
/// Prints the times; run with `cargo nextest run -p bureau-cli --test io_import --run-ignored only`.
#[test]
#[ignore = "a measurement, not a check: run it by hand"]
fn city_roster_import_timing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(fixture("city.json")).expect("reads");
    let city = BureauFile::parse(&text).expect("parses");
    let db = dir.path().join("city.bpw");
    Workspace::create(&db, &city, "方案").expect("creates");
    let mut people = city.people.clone();
    for p in people.iter_mut().step_by(10) {
        p.rank = "一级警长".into();
    }
    for (format, bytes) in [
        (
            "xlsx",
            roster_xlsx(&people, &city.old_units, &city.structure.units).expect("writes"),
        ),
        (
            "csv",
            roster_csv(&people, &city.old_units, &city.structure.units),
        ),
    ] {
        let path = dir.path().join(format!("city.{format}"));
        std::fs::write(&path, bytes).expect("writes");
        let api = Api::open(&db).expect("opens");
        let started = std::time::Instant::now();
        let done = api.import_roster_file(&path).expect("imports");
        println!(
            "{format}: {} rows imported in {:.3}s ({} updated)",
            people.len(),
            started.elapsed().as_secs_f64(),
            done.updated
        );
    }
}
