//! The planner's own text of a scenario's paper through a real SQLite file: paragraphs and
//! phases written, read back after reopening, audited once per change, copied to a branch,
//! refused on an approved scenario.

use std::path::Path;

use bureau_core::{BureauFile, ScenarioStatus};
use bureau_storage::{DocumentParagraph, StorageError, Workspace};
use serde_json::json;

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

fn audited(ws: &mut Workspace, id: i64, action: &str) -> usize {
    ws.history(Some(id), None, None, 10_000)
        .expect("history")
        .iter()
        .filter(|e| e.action == action)
        .count()
}

#[test]
fn paragraphs_and_phases_round_trip_audited_and_follow_a_branch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    assert_eq!(ws.document_text(id).expect("text"), (Vec::new(), None));

    let goals = DocumentParagraph {
        key: "goals".into(),
        text: "改革目标。\n第二段。".into(),
        default_when_edited: "通过改革，内设机构由3个精简至2个。".into(),
    };
    ws.set_document_paragraph(id, "goals", Some(&goals))
        .expect("write");
    // The same paragraph again changes nothing and is not audited.
    ws.set_document_paragraph(id, "goals", Some(&goals))
        .expect("again");
    let phases = json!([{"name": "动员部署阶段", "start": {"year": 2027, "month": 1, "day": 1},
        "end": {"year": 2027, "month": 1, "day": 31}, "work": "动员。"}]);
    ws.set_document_phases(id, Some(&phases)).expect("phases");
    assert_eq!(audited(&mut ws, id, "document_paragraph"), 1);
    assert_eq!(audited(&mut ws, id, "document_phases"), 1);
    drop(ws);

    let mut ws = Workspace::open(&dir.path().join("w.bpw")).expect("reopen");
    let (paragraphs, stored) = ws.document_text(id).expect("text");
    assert_eq!(paragraphs, vec![goals.clone()]);
    assert_eq!(stored, Some(phases.clone()));

    let branch = ws.branch_scenario(id, "方案二").expect("branch");
    assert_eq!(
        ws.document_text(branch).expect("branch text"),
        (vec![goals.clone()], Some(phases.clone()))
    );

    // 恢复默认 and back to the generated steps, each audited with what was there.
    ws.set_document_paragraph(id, "goals", None).expect("reset");
    ws.set_document_phases(id, None).expect("clear");
    assert_eq!(ws.document_text(id).expect("text"), (Vec::new(), None));
    let last = ws.history(Some(id), None, None, 10_000).expect("history");
    let reset = last
        .iter()
        .find(|e| e.action == "document_paragraph" && e.detail["after"].is_null())
        .expect("reset audited");
    assert_eq!(reset.detail["key"], "goals");
    assert_eq!(reset.detail["before"], "改革目标。\n第二段。");
    // The branch keeps its own copy.
    assert_eq!(ws.document_text(branch).expect("text").0, vec![goals]);
    assert!(ws.audit_verify().expect("verify").intact);
}

#[test]
fn an_approved_scenarios_text_is_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, id) = tiny_workspace(&dir);
    ws.set_scenario_status(id, ScenarioStatus::Review)
        .expect("review");
    ws.set_scenario_status(id, ScenarioStatus::Approved)
        .expect("approve");
    let p = DocumentParagraph {
        key: "goals".into(),
        text: "文字".into(),
        default_when_edited: "默认".into(),
    };
    assert!(matches!(
        ws.set_document_paragraph(id, "goals", Some(&p)),
        Err(StorageError::ReadOnly(_))
    ));
    assert!(matches!(
        ws.set_document_phases(id, Some(&json!([]))),
        Err(StorageError::ReadOnly(_))
    ));
    assert_eq!(ws.document_text(id).expect("text"), (Vec::new(), None));
}
