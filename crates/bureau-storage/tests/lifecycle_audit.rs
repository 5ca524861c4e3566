//! The scenario lifecycle and the hash-chained audit trail through a real SQLite file,
//! including rows edited and removed behind the app's back.

use std::path::{Path, PathBuf};

use bureau_core::{BureauFile, ScenarioStatus};
use bureau_storage::{EditKind, StorageError, Target, Workspace};

fn tiny_workspace(dir: &tempfile::TempDir) -> (Workspace, i64, PathBuf) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let path = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&path, &file, "方案一").expect("create");
    let id = ws.current_scenario_id().expect("current");
    (ws, id, path)
}

fn move_first_person(ws: &mut Workspace, id: i64) -> Result<(), StorageError> {
    let bureau = ws.bureau()?;
    let scenario = ws.scenario(id)?;
    let p = &bureau.people[0];
    let now = scenario.draft.assignment.get(&p.police_number).cloned();
    let to = scenario
        .structure
        .units
        .iter()
        .find(|u| Some(&u.id) != now.as_ref() && u.parent.is_none())
        .map(|u| u.id.clone());
    ws.apply_edit_tracked(
        id,
        EditKind::Move,
        "test move",
        &[Target {
            police_number: p.police_number.clone(),
            unit: to,
            pinned: Some(true),
        }],
    )?;
    Ok(())
}

#[test]
fn branch_rename_annotate_review_approve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id, _) = tiny_workspace(&dir);
    ws.set_planner_name("王规划").expect("name");
    let b = ws.branch_scenario(id, "  方案二  ").expect("branch");
    let list = ws.scenarios().expect("list");
    let branch = list.iter().find(|s| s.id == b).expect("listed");
    assert_eq!(branch.name, "方案二");
    assert_eq!(branch.parent_id, Some(id));
    assert_eq!(branch.status, ScenarioStatus::Draft);
    // The branch starts as a copy and then lives its own life.
    assert_eq!(
        ws.scenario(b).expect("b").draft,
        ws.scenario(id).expect("a").draft
    );
    move_first_person(&mut ws, b).expect("edit the branch");
    assert_ne!(
        ws.scenario(b).expect("b").draft,
        ws.scenario(id).expect("a").draft
    );

    // Names: empty, too long, duplicated — each refused, nothing changes.
    for bad in ["", "   ", &"长".repeat(61), "方案一"] {
        let err = ws.rename_scenario(b, bad).expect_err("refused");
        assert!(matches!(err, StorageError::Invalid(_)), "{bad:?}: {err}");
    }
    assert!(
        ws.branch_scenario(id, "方案二").is_err(),
        "duplicate branch name"
    );
    ws.rename_scenario(b, "方案二（下沉优先）").expect("rename");
    ws.set_scenario_notes(b, "机关民警优先下沉").expect("notes");
    assert_eq!(
        ws.scenarios()
            .expect("list")
            .iter()
            .find(|s| s.id == b)
            .map(|s| s.notes.clone()),
        Some("机关民警优先下沉".to_owned())
    );

    // draft → approved directly is refused; review → approved makes it read-only.
    assert!(ws.set_scenario_status(b, ScenarioStatus::Approved).is_err());
    ws.set_scenario_status(b, ScenarioStatus::Review)
        .expect("review");
    ws.set_scenario_status(b, ScenarioStatus::Approved)
        .expect("approve");
    let before = ws.scenario(b).expect("b");
    for result in [
        move_first_person(&mut ws, b),
        ws.rename_scenario(b, "改名").map(|_| ()),
        ws.set_scenario_notes(b, "x").map(|_| ()),
        ws.undo(b).map(|_| ()),
        ws.delete_scenario(b).map(|_| ()),
        ws.set_scenario_rules(b, None).map(|_| ()),
        ws.set_scenario_status(b, ScenarioStatus::Draft).map(|_| ()),
    ] {
        assert!(result.is_err(), "an approved scenario changed");
    }
    assert_eq!(ws.scenario(b).expect("b"), before);
    // Branching an approved scenario is how it is changed.
    let c = ws.branch_scenario(b, "方案三").expect("branch approved");
    move_first_person(&mut ws, c).expect("edit the new branch");

    let report = ws.audit_verify().expect("verify");
    assert!(report.intact, "{report:?}");
    let history = ws.history(Some(b), None, None, 100).expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["status", "status", "notes", "rename", "edit", "branch"],
        "newest first"
    );
    assert!(history.iter().all(|e| e.actor == "王规划"));
    assert_eq!(history[3].detail["before"], "方案二");
    assert_eq!(history[3].detail["after"], "方案二（下沉优先）");
    // Filtering by person finds the move.
    let person = ws.bureau().expect("bureau").people[0].police_number.clone();
    let moves = ws
        .history(Some(b), Some(&person), None, 100)
        .expect("history");
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].action, "edit");
}

#[test]
fn deleting_goes_to_the_trash_and_restores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id, _) = tiny_workspace(&dir);
    assert!(ws.delete_scenario(id).is_err(), "the last scenario stays");
    let b = ws.branch_scenario(id, "方案二").expect("branch");
    ws.set_current_scenario(id).expect("current");
    ws.delete_scenario(id).expect("delete");
    assert_eq!(ws.current_scenario_id().expect("current"), b);
    assert_eq!(ws.scenarios().expect("list").len(), 1);
    assert!(matches!(ws.scenario(id), Err(StorageError::NotFound(_))));
    assert_eq!(ws.trash().expect("trash")[0].0, id);
    // Its name is taken while it is in the trash.
    assert!(ws.rename_scenario(b, "方案一").is_err());
    ws.restore_scenario(id).expect("restore");
    assert_eq!(ws.scenarios().expect("list").len(), 2);
    assert!(ws.trash().expect("trash").is_empty());
    assert!(ws.audit_verify().expect("verify").intact);
}

#[test]
fn editing_the_log_behind_the_apps_back_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id, path) = tiny_workspace(&dir);
    for _ in 0..3 {
        move_first_person(&mut ws, id).expect("move");
        ws.undo(id).expect("undo");
    }
    ws.rename_scenario(id, "方案甲").expect("rename");
    let report = ws.audit_verify().expect("verify");
    assert!(report.intact);
    let rows = report.rows;
    assert!(rows >= 8, "{rows}");
    drop(ws);

    let tamper = |sql: &str| {
        let copy = dir.path().join(format!("t{}.bpw", sql.len()));
        std::fs::copy(&path, &copy).expect("copy");
        let conn = rusqlite::Connection::open(&copy).expect("open raw");
        conn.execute_batch(sql).expect("tamper");
        drop(conn);
        Workspace::open(&copy)
            .expect("still a workspace")
            .audit_verify()
            .expect("verify runs")
    };
    // A changed detail, a changed actor, a removed row in the middle, a cut-off tail, a forged
    // row at the end: each breaks the chain where it happened.
    let r = tamper("UPDATE audit SET detail = '{\"before\":\"x\"}' WHERE id = 3;");
    assert_eq!((r.intact, r.first_bad_row), (false, Some(3)), "{r:?}");
    let r = tamper("UPDATE audit SET actor = 'someone else' WHERE id = 2;");
    assert_eq!((r.intact, r.first_bad_row), (false, Some(2)), "{r:?}");
    let r = tamper("DELETE FROM audit WHERE id = 4;");
    assert_eq!((r.intact, r.first_bad_row), (false, Some(4)), "{r:?}");
    let r = tamper(&format!("DELETE FROM audit WHERE id = {rows};"));
    assert!(!r.intact, "{r:?}");
    let r = tamper(&format!(
        "INSERT INTO audit (id, at, actor, scenario_id, action, detail, prev_hash, hash)
         SELECT {n}, at, actor, scenario_id, action, detail, hash, 'forged' FROM audit WHERE id = {rows};",
        n = rows + 1
    ));
    assert_eq!(
        (r.intact, r.first_bad_row),
        (false, Some(rows + 1)),
        "{r:?}"
    );
    // The untouched file still verifies.
    assert!(
        Workspace::open(&path)
            .expect("open")
            .audit_verify()
            .expect("v")
            .intact
    );
}

/// A scenario's solve weights: the defaults until set, refused out of range naming the weight
/// with nothing changed, kept by a branch, written into the exported bureau file, audited.
#[test]
fn solve_weights_are_stored_per_scenario_and_bounded() {
    use bureau_core::optimiser::Weights;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id, _) = tiny_workspace(&dir);
    assert_eq!(ws.stored_scenario_weights(id).expect("read"), None);
    assert_eq!(ws.scenario_weights(id).expect("read"), Weights::default());
    let bad = Weights {
        transfer: -1.0,
        ..Weights::default()
    };
    match ws.set_scenario_weights(id, Some(&bad)) {
        Err(StorageError::Invalid(m)) => assert!(m.contains("weights.transfer"), "{m}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(ws.stored_scenario_weights(id).expect("read"), None);
    let mine = Weights {
        transfer: 4.0,
        wish: 0.25,
        ..Weights::default()
    };
    ws.set_scenario_weights(id, Some(&mine)).expect("set");
    assert_eq!(ws.scenario_weights(id).expect("read"), mine);
    let b = ws.branch_scenario(id, "方案二").expect("branch");
    assert_eq!(ws.scenario_weights(b).expect("branch"), mine);
    let file = ws.export_bureau_file(id).expect("export");
    assert_eq!(file.weights, Some(mine.clone()));
    ws.set_scenario_weights(b, None).expect("reset");
    assert_eq!(ws.stored_scenario_weights(b).expect("read"), None);
    assert_eq!(ws.scenario_weights(id).expect("a keeps its own"), mine);
    assert!(ws.audit_verify().expect("verify").intact);
}
