//! Units import (单位编制) through a real SQLite workspace, the API and the `planner` binary: a
//! changed establishment is applied in one go and shows in the overview's metrics; a unit left
//! out that people or a merge map still reference refuses the whole file and changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use bureau_api::{Api, ErrorCode, ScenarioRef};
use bureau_core::{Bureau, BureauFile, Scenario, Unit, UnitKind};
use bureau_io::import::{units_csv, units_xlsx};
use bureau_storage::Workspace;

fn county() -> BureauFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/county.json");
    let text = std::fs::read_to_string(path).expect("reads");
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

fn audit_rows(api: &Api) -> i64 {
    let report = api.audit_verify().expect("verifies");
    assert!(report.intact, "{report:?}");
    report.rows
}

#[test]
fn a_new_establishment_is_imported_and_shows_in_the_overview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let mut units = county().old_units;
    units[0].officer_establishment += 5;
    units[0].head_posts += 1;
    let extra = Unit {
        id: "o-new".into(),
        name: "新设警务站".into(),
        kind: UnitKind::Other,
        parent: Some(units[0].id.clone()),
        grids: 3,
        head_posts: 0,
        deputy_posts: 0,
        ..units[0].clone()
    };
    units.push(extra);
    let file = dir.path().join("单位编制.xlsx");
    std::fs::write(&file, units_xlsx(&units).expect("writes")).expect("saves");

    let api = Api::open(&db).expect("opens");
    let before = api.overview(ScenarioRef::default()).expect("overview");
    let rows_before = audit_rows(&api);
    let preview = api.units_import_preview_file(&file).expect("previews");
    assert!(
        preview.can_import,
        "{:?} {:?}",
        preview.read.problems, preview.effects.refused
    );
    assert_eq!(preview.effects.created.len(), 1);
    assert_eq!(preview.effects.updated.len(), 1);
    assert_eq!(
        preview.effects.updated[0].changes,
        ["officer_establishment", "head_posts"]
    );
    assert_eq!(preview.effects.unchanged, units.len() - 2);
    assert!(preview.effects.removed.is_empty() && preview.effects.refused.is_empty());
    // Read through the API: it holds the workspace (one process, one opener at a time).
    assert_eq!(
        api.overview(ScenarioRef::default())
            .expect("overview")
            .old_units,
        county().old_units,
        "a preview changes nothing"
    );

    let done = api.import_units_file(&file).expect("imports");
    assert_eq!((done.created, done.updated, done.removed), (1, 1, 0));
    let after = api.overview(ScenarioRef::default()).expect("overview");
    assert_eq!(after.old_units, units);
    assert_eq!(
        after.old_units[0].officer_establishment,
        before.old_units[0].officer_establishment + 5
    );
    assert_eq!(
        after.metrics.before.head_posts,
        before.metrics.before.head_posts + 1
    );
    assert_eq!(audit_rows(&api), rows_before + 1);

    // The extra unit is referenced by nobody: a file without it removes it (GBK CSV this time).
    units.pop();
    let text = String::from_utf8(units_csv(&units)).expect("utf-8");
    let (gbk, _, _) = encoding_rs::GBK.encode(text.trim_start_matches('\u{feff}'));
    let csv = dir.path().join("单位编制.csv");
    std::fs::write(&csv, &gbk).expect("saves");
    let done = api.import_units_file(&csv).expect("imports");
    assert_eq!((done.created, done.updated, done.removed), (0, 0, 1));
    assert_eq!(audit_rows(&api), rows_before + 2);
    // The file itself, once the API has let go of it (one opener at a time).
    drop(api);
    assert_eq!(snapshot(&db).0.old_units, units);
}

#[test]
fn a_unit_still_referenced_refuses_the_file_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let county = county();
    let gone = "o-ps01";
    let people = county
        .people
        .iter()
        .filter(|p| p.current_unit == gone)
        .count();
    let edges = county
        .structure
        .merge_map
        .iter()
        .filter(|e| e.from == gone)
        .count();
    assert!(people > 0 && edges > 0);
    let mut units = county.old_units.clone();
    units.retain(|u| u.id != gone);
    units[0].officer_establishment += 5;
    let file = dir.path().join("单位编制.xlsx");
    std::fs::write(&file, units_xlsx(&units).expect("writes")).expect("saves");

    let before = snapshot(&db);
    let api = Api::open(&db).expect("opens");
    let rows_before = audit_rows(&api);
    let preview = api.units_import_preview_file(&file).expect("previews");
    assert!(!preview.can_import);
    assert!(preview.read.problems.is_empty());
    assert_eq!(preview.effects.refused.len(), 1);
    assert_eq!(preview.effects.refused[0].id, gone);
    assert_eq!(preview.effects.refused[0].people, people);
    assert_eq!(preview.effects.refused[0].merge_edges, edges);

    let err = api.import_units_file(&file).expect_err("refused");
    assert_eq!(err.code, ErrorCode::BadRequest);
    assert!(
        err.message.contains(&format!(
            "unit 城关派出所 (o-ps01) is not in the file but {people} people still belong to it \
             and {edges} merge-map edge(s) start from it"
        )),
        "{}",
        err.message
    );
    assert_eq!(audit_rows(&api), rows_before);
    drop(api);
    assert_eq!(snapshot(&db), before);

    // The CLI lists it and exits 1; a bad value is listed with its row and column.
    let out = planner_import(&file, &db, false);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("城关派出所 (o-ps01)"), "{stderr}");
    let bad = dir.path().join("bad.csv");
    let mut text = String::from_utf8(units_csv(&county.old_units)).expect("utf-8");
    text = text.replacen(",11,10,1,2,", ",11,-10,1,2,", 1);
    std::fs::write(&bad, text).expect("saves");
    let out = planner_import(&bad, &db, false);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "bad.csv, row 2, column G (辅警编制): found \"-10\", expected a non-negative whole number"
        ),
        "{stderr}"
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn the_cli_previews_and_imports_a_units_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = workspace(dir.path());
    let template = dir.path().join("单位编制模板.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(["import", "units-template", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&template)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut units = county().old_units;
    units[1].auxiliary_establishment += 2;
    let file = dir.path().join("units.csv");
    std::fs::write(&file, units_csv(&units)).expect("saves");

    let out = planner_import(&file, &db, true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("0 new, 1 updated"), "{stdout}");
    assert_eq!(snapshot(&db).0.old_units, county().old_units);

    let out = planner_import(&file, &db, false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(&db).0.old_units, units);
    // The template written before the import reads back to the units it listed.
    let api = Api::open(&db).expect("opens");
    let preview = api.units_import_preview_file(&template).expect("previews");
    assert!(preview.can_import);
    assert_eq!(preview.effects.updated.len(), 1);
    assert_eq!(
        preview.effects.updated[0].changes,
        ["auxiliary_establishment"]
    );
}

fn planner_import(file: &Path, db: &Path, dry_run: bool) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planner"));
    cmd.args(["import", "units"]).arg(file).arg("--db").arg(db);
    if dry_run {
        cmd.arg("--dry-run");
    }
    cmd.output().expect("runs")
}
