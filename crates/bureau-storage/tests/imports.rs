//! The units and roster imports on a real SQLite file: every column of a unit and a person is
//! written and read back as given, and the one thing a units file does not carry — a unit's
//! 职能 — is kept for the units it updates.

use std::path::Path;

use bureau_core::{BureauFile, Qualification, Unit};
use bureau_storage::Workspace;

fn tiny() -> BureauFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/tiny.json");
    BureauFile::parse(&std::fs::read_to_string(path).expect("reads")).expect("valid")
}

#[test]
fn a_units_import_writes_every_column_and_keeps_the_functions_it_does_not_carry() {
    let mut file = tiny();
    file.old_units[1].functions = "刑事案件侦查".into();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&db, &file, "初始方案").expect("create");

    let mut units = ws.bureau().expect("bureau").old_units;
    // As a units file reads: no 职能, another establishment, and one new unit at the end.
    units[1].functions = String::new();
    units[1].officer_establishment += 2;
    units[1].deputy_posts = 2;
    units.push(Unit {
        id: "o-new".into(),
        name: "新设警务站".into(),
        parent: Some(units[0].id.clone()),
        grids: 3,
        ..units[1].clone()
    });
    let effects = ws.replace_old_units(&units).expect("import");
    assert_eq!(effects.created.len(), 1);

    drop(ws);
    let mut ws = Workspace::open(&db).expect("reopen");
    let stored = ws.bureau().expect("bureau").old_units;
    let mut expected = units.clone();
    expected[1].functions = "刑事案件侦查".into();
    assert_eq!(stored, expected);
}

#[test]
fn a_roster_import_writes_every_column_of_every_person_in_file_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let mut ws = Workspace::create(&db, &tiny(), "初始方案").expect("create");

    let mut people = ws.bureau().expect("bureau").people;
    people.reverse();
    let p = &mut people[0];
    p.name = "改名".into();
    p.rank = "二级警长".into();
    p.specialities = vec!["刑侦".into(), "技术".into()];
    p.qualifications = vec![Qualification::Legal];
    p.community_police = !p.community_police;
    ws.replace_roster(&people).expect("import");

    drop(ws);
    let mut ws = Workspace::open(&db).expect("reopen");
    assert_eq!(ws.bureau().expect("bureau").people, people);
}
