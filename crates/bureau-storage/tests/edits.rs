//! The edit log through a real SQLite file: a move, its undo and redo, the redo stack cleared by
//! a new edit, and bad input that changes nothing.

use std::path::Path;

use bureau_core::{compute_metrics, BureauFile, Draft};
use bureau_storage::{EditKind, Target, Workspace};

fn tiny_workspace(dir: &tempfile::TempDir) -> (Workspace, i64) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json"),
    )
    .expect("tiny.json");
    let file = BureauFile::parse(&text).expect("valid");
    let mut ws = Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create");
    let id = ws.current_scenario_id().expect("current");
    (ws, id)
}

fn draft(ws: &mut Workspace, id: i64) -> Draft {
    ws.scenario(id).expect("scenario").draft
}

/// The first person and a unit they are not in, from the tiny fixture.
fn someone_and_elsewhere(ws: &mut Workspace, id: i64) -> (String, String) {
    let bureau = ws.bureau().expect("bureau");
    let scenario = ws.scenario(id).expect("scenario");
    let person = &bureau.people[0];
    let now = scenario
        .draft
        .assignment
        .get(&person.police_number)
        .cloned();
    let unit = scenario
        .structure
        .units
        .iter()
        .find(|u| Some(&u.id) != now.as_ref())
        .expect("another unit");
    (person.police_number.clone(), unit.id.clone())
}

fn move_to(pn: &str, unit: &str) -> Target {
    Target {
        police_number: pn.into(),
        unit: Some(unit.into()),
        pinned: Some(true),
    }
}

#[test]
fn move_undo_redo_round_trip_through_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    let bureau = ws.bureau().expect("bureau");
    let structure = ws.scenario(id).expect("s").structure;
    let start = draft(&mut ws, id);
    let start_metrics = compute_metrics(&bureau, &structure, &start.assignment, &start.community);
    let initial = ws.edit_state(id).expect("state");
    assert!(!initial.can_undo && !initial.can_redo);

    let (pn, unit) = someone_and_elsewhere(&mut ws, id);
    let s = ws
        .apply_edit_tracked(id, EditKind::Move, "move one", &[move_to(&pn, &unit)])
        .expect("move");
    assert_eq!(s.changed.len(), 1);
    assert_eq!(
        s.changed[&pn].as_ref().map(|p| p.unit.as_str()),
        Some(unit.as_str())
    );
    let s = s.state;
    assert!(s.can_undo && !s.can_redo);
    assert_eq!(s.undo_label.as_deref(), Some("move one"));
    assert_eq!(s.revision, initial.revision + 1);
    let moved = draft(&mut ws, id);
    assert_eq!(moved.assignment.get(&pn), Some(&unit));
    assert!(moved.pins.contains(&pn));
    assert_ne!(
        compute_metrics(&bureau, &structure, &moved.assignment, &moved.community),
        start_metrics
    );

    // Reopen the file: the log is on disk, not in memory.
    let path = ws.path().to_path_buf();
    drop(ws);
    let mut ws = Workspace::open(&path).expect("reopen");
    let undone = ws.undo(id).expect("undo");
    assert_eq!(
        undone.changed[&pn].as_ref().map(|p| &p.unit),
        start.assignment.get(&pn),
        "undo reports the restored placement"
    );
    let s = undone.state;
    assert!(!s.can_undo && s.can_redo);
    assert_eq!(draft(&mut ws, id), start, "undo restores the draft exactly");
    assert_eq!(
        {
            let d = draft(&mut ws, id);
            compute_metrics(&bureau, &structure, &d.assignment, &d.community)
        },
        start_metrics
    );
    // Nothing left to undo: a no-op, not an error.
    let again = ws.undo(id).expect("undo again");
    assert_eq!(again.state, s);
    assert!(again.changed.is_empty());

    let s = ws.redo(id).expect("redo").state;
    assert!(s.can_undo && !s.can_redo);
    assert_eq!(draft(&mut ws, id), moved, "redo replays the step exactly");
}

#[test]
fn a_new_edit_clears_the_redo_stack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    let (pn, unit) = someone_and_elsewhere(&mut ws, id);
    ws.apply_edit_tracked(id, EditKind::Move, "a", &[move_to(&pn, &unit)])
        .expect("a");
    ws.undo(id).expect("undo");
    assert!(ws.edit_state(id).expect("state").can_redo);
    let unpin = Target {
        police_number: pn.clone(),
        unit: None,
        pinned: Some(false),
    };
    let s = ws
        .apply_edit_tracked(id, EditKind::Changes, "b", &[unpin])
        .expect("b")
        .state;
    assert!(!s.can_redo, "a new edit discards the undone step");
    assert_eq!(s.undo_label.as_deref(), Some("b"));
    ws.undo(id).expect("undo b");
    let s = ws.edit_state(id).expect("state");
    assert_eq!(s.redo_label.as_deref(), Some("b"));
    assert!(!s.can_undo, "step a was discarded, not undoable again");
}

#[test]
fn pins_toggle_without_moving_and_undo_restores_pin_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    let start = draft(&mut ws, id);
    let placed: Vec<String> = start.assignment.keys().take(2).cloned().collect();
    assert_eq!(placed.len(), 2, "tiny has a draft with placements");
    let pin = |pn: &String, pinned| Target {
        police_number: pn.clone(),
        unit: start.assignment.get(pn).cloned(),
        pinned: Some(pinned),
    };
    ws.apply_edit_tracked(
        id,
        EditKind::Pin,
        "pin",
        &[pin(&placed[1], true), pin(&placed[0], true)],
    )
    .expect("pin");
    let pinned = draft(&mut ws, id);
    assert_eq!(pinned.assignment, start.assignment);
    assert!(placed.iter().all(|p| pinned.pins.contains(p)));
    ws.apply_edit_tracked(id, EditKind::Unpin, "unpin", &[pin(&placed[1], false)])
        .expect("unpin");
    ws.undo(id).expect("undo unpin");
    assert_eq!(draft(&mut ws, id), pinned);
    ws.undo(id).expect("undo pin");
    assert_eq!(draft(&mut ws, id), start);
}

#[test]
fn bad_input_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    let (pn, unit) = someone_and_elsewhere(&mut ws, id);
    let start = draft(&mut ws, id);
    let state = ws.edit_state(id).expect("state");

    let e = ws
        .apply_edit_tracked(
            id,
            EditKind::Move,
            "x",
            &[move_to(&pn, &unit), move_to("NO-SUCH-1", &unit)],
        )
        .expect_err("unknown person");
    assert!(e.to_string().contains("NO-SUCH-1"), "{e}");
    let e = ws
        .apply_edit_tracked(id, EditKind::Move, "x", &[move_to(&pn, "no-such-unit")])
        .expect_err("unknown unit");
    assert!(e.to_string().contains("no-such-unit"), "{e}");
    let e = ws
        .apply_edit_tracked(
            id,
            EditKind::Move,
            "x",
            &[move_to(&pn, &unit), move_to(&pn, &unit)],
        )
        .expect_err("twice");
    assert!(e.to_string().contains(&pn), "{e}");
    assert!(ws
        .apply_edit_tracked(999, EditKind::Move, "x", &[])
        .is_err());

    assert_eq!(draft(&mut ws, id), start);
    assert_eq!(ws.edit_state(id).expect("state"), state);
}

#[test]
fn the_boards_copies_follow_its_edits_and_notice_other_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    let (pn, unit) = someone_and_elsewhere(&mut ws, id);
    let (_, first) = ws.snapshot(id).expect("snapshot");
    ws.apply_edit_tracked(id, EditKind::Move, "a", &[move_to(&pn, &unit)])
        .expect("move");
    let (_, copy) = ws.snapshot(id).expect("snapshot");
    assert_eq!(copy.draft, draft(&mut ws, id), "patched, not stale");
    ws.undo_tracked(id).expect("undo");
    assert_eq!(
        ws.snapshot(id).expect("snapshot").1.draft.assignment,
        first.draft.assignment
    );
    ws.redo_tracked(id).expect("redo");
    assert_eq!(
        ws.snapshot(id).expect("snapshot").1.draft.assignment,
        draft(&mut ws, id).assignment
    );
    // A write that is not the board's own (here: replacing the draft) drops the copies.
    ws.save_draft(id, &first.draft).expect("save");
    assert_eq!(ws.snapshot(id).expect("snapshot").1.draft, first.draft);
    // So does another connection's commit (a second `Workspace` is refused by the process
    // lock, but a tool outside the app can still write the file).
    let other = rusqlite::Connection::open(ws.path()).expect("second connection");
    other
        .execute(
            "INSERT INTO placement (scenario_id, police_number, unit_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (scenario_id, police_number) DO UPDATE SET unit_id = excluded.unit_id",
            rusqlite::params![id, pn, unit],
        )
        .expect("move elsewhere");
    drop(other);
    assert_eq!(
        ws.snapshot(id)
            .expect("snapshot")
            .1
            .draft
            .assignment
            .get(&pn),
        Some(&unit)
    );
}
