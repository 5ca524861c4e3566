//! The structure designer's storage on a real SQLite file: units' functions round-trip through
//! a workspace and back out as a bureau file; a designer step and its undo/redo restore the
//! structure exactly; a refused step writes nothing.

use std::path::Path;

use bureau_core::structure_edit::{NumberField, StructureEdit};
use bureau_core::BureauFile;
use bureau_storage::Workspace;

fn tiny() -> BureauFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json");
    BureauFile::parse(&std::fs::read_to_string(path).expect("reads")).expect("valid")
}

#[test]
fn functions_round_trip_through_a_workspace() {
    let mut file = tiny();
    file.structure.units[0].functions = "指挥调度\n督察考核".into();
    file.old_units[1].functions = "刑事案件侦查".into();
    let text = file.to_json_pretty();
    let file = BureauFile::parse(&text).expect("parses with functions");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    Workspace::create(&db, &file, "初始方案").expect("create");
    let mut ws = Workspace::open(&db).expect("reopen");
    let id = ws.current_scenario_id().expect("current");
    let back = ws.export_bureau_file(id).expect("export");
    assert_eq!(back, file);
    assert_eq!(back.to_json_pretty(), text);
}

#[test]
fn a_step_is_undone_and_redone_exactly_and_a_refused_one_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&db, &tiny(), "初始方案").expect("create");
    let id = ws.current_scenario_id().expect("current");
    let before = ws.scenario(id).expect("scenario");

    let refused = ws
        .edit_structure(
            id,
            &StructureEdit::SetNumber {
                unit: "n-inv".into(),
                field: NumberField::HeadPosts,
                value: -1.0,
            },
        )
        .expect("no storage error");
    assert!(refused.is_err());
    assert_eq!(ws.scenario(id).expect("scenario"), before);
    assert!(!ws.edit_state(id).expect("state").can_undo);

    let step = ws
        .edit_structure(
            id,
            &StructureEdit::DeleteUnit {
                unit: "n-cmd".into(),
            },
        )
        .expect("stored")
        .expect("accepted");
    assert_eq!(step.unplaced.len(), 4);
    assert!(step.outcome.structure_changed);
    let after = ws.scenario(id).expect("scenario");
    assert!(after.structure.unit("n-cmd").is_none());
    assert_eq!(
        after.draft.assignment.len(),
        before.draft.assignment.len() - 4
    );

    let undone = ws.undo(id).expect("undo");
    assert!(undone.structure_changed);
    let back = ws.scenario(id).expect("scenario");
    assert_eq!(back.structure, before.structure);
    assert_eq!(back.draft.assignment, before.draft.assignment);
    ws.redo(id).expect("redo");
    let again = ws.scenario(id).expect("scenario");
    assert_eq!(again.structure, after.structure);
    assert_eq!(again.draft.assignment, after.draft.assignment);
    let report = ws.audit_verify().expect("verify");
    assert!(report.intact);
}
