//! The structure designer's steps on `fixtures/tiny.json`: each validation refuses with the
//! unit and the field and changes nothing; deleting returns people to their old unit; renaming
//! and moving keep placements; the structure check sees what a step broke.

use bureau_core::model::{Bureau, Draft, Structure, Tier, UnitKind};
use bureau_core::rules::default_rules;
use bureau_core::structure_check::{check_structure, StructureFinding};
use bureau_core::structure_edit::{
    apply_edit, placed_within, EditProblem, NumberField, StructureEdit, StructureEditError,
    MAX_ESTABLISHMENT,
};
use bureau_core::BureauFile;

fn tiny() -> (Bureau, Structure, Draft) {
    let file = BureauFile::parse(include_str!("../../../fixtures/tiny.json")).expect("valid");
    let (bureau, structure, draft) = file.into_parts();
    (bureau, structure, draft.expect("a draft"))
}

fn refused(edit: StructureEdit) -> StructureEditError {
    let (bureau, structure, draft) = tiny();
    apply_edit(&bureau, &structure, &draft, &edit).expect_err("refused")
}

fn applied(edit: StructureEdit) -> bureau_core::structure_edit::StructureEditOutcome {
    let (bureau, structure, draft) = tiny();
    let out = apply_edit(&bureau, &structure, &draft, &edit).expect("applied");
    // Whatever a step does, the result is a structure a bureau file accepts.
    BureauFile::new(bureau, out.structure.clone(), None)
        .validate()
        .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    out
}

fn set(unit: &str, field: NumberField, value: f64) -> StructureEdit {
    StructureEdit::SetNumber {
        unit: unit.into(),
        field,
        value,
    }
}

#[test]
fn duplicate_names_within_a_parent_are_refused_naming_unit_and_field() {
    let e = refused(StructureEdit::RenameUnit {
        unit: "n-inv".into(),
        name: " 警务指挥部 ".into(),
    });
    assert_eq!(e.problem, EditProblem::DuplicateName);
    assert_eq!(e.unit.as_deref(), Some("n-inv"));
    assert_eq!(e.unit_name.as_deref(), Some("刑事侦查部"));
    assert_eq!(e.field, "name");
    assert!(e.to_string().contains("刑事侦查部"), "{e}");

    let e = refused(StructureEdit::AddUnit {
        name: "综合室".into(),
        parent: Some("n-cmd".into()),
        kind: UnitKind::SubUnit,
        tier: Tier::Office,
    });
    assert_eq!(e.problem, EditProblem::DuplicateName);
    // The same name under another parent is fine.
    let out = applied(StructureEdit::AddUnit {
        name: "综合室".into(),
        parent: Some("n-inv".into()),
        kind: UnitKind::SubUnit,
        tier: Tier::Office,
    });
    let id = out.created.expect("an id");
    let unit = out.structure.unit(&id).expect("created");
    assert_eq!(unit.parent.as_deref(), Some("n-inv"));
    // Tree order: the new sub-unit follows its department.
    let at = |id: &str| out.structure.units.iter().position(|u| u.id == id);
    assert_eq!(at(&id), at("n-inv").map(|i| i + 1));
}

#[test]
fn empty_names_are_refused() {
    for name in ["", "   "] {
        let e = refused(StructureEdit::RenameUnit {
            unit: "n-cmd".into(),
            name: name.into(),
        });
        assert_eq!(
            (e.problem, e.field.as_str()),
            (EditProblem::EmptyName, "name")
        );
        let e = refused(StructureEdit::SetStructureName { name: name.into() });
        assert_eq!(e.problem, EditProblem::EmptyName);
    }
}

#[test]
fn numbers_must_be_whole_non_negative_and_bounded() {
    for value in [-1.0, 2.5, f64::from(MAX_ESTABLISHMENT) + 1.0, f64::NAN] {
        let e = refused(set("n-inv", NumberField::OfficerEstablishment, value));
        assert_eq!(e.problem, EditProblem::BadNumber, "{value}");
        assert_eq!(e.field, "officer_establishment");
        assert_eq!(e.unit.as_deref(), Some("n-inv"));
    }
    let e = refused(set("n-cmd", NumberField::HeadPosts, 101.0));
    assert_eq!(
        (e.problem, e.field.as_str()),
        (EditProblem::BadNumber, "head_posts")
    );
    let out = applied(set("n-inv", NumberField::AuxiliaryEstablishment, 7.0));
    assert_eq!(
        out.structure
            .unit("n-inv")
            .map(|u| u.auxiliary_establishment),
        Some(7)
    );
}

#[test]
fn a_sub_unit_under_a_missing_parent_is_refused() {
    let e = refused(StructureEdit::AddUnit {
        name: "研判室".into(),
        parent: Some("n-gone".into()),
        kind: UnitKind::SubUnit,
        tier: Tier::Office,
    });
    assert_eq!(
        (e.problem, e.field.as_str()),
        (EditProblem::UnknownParent, "parent")
    );
    // Deleted in an earlier step: the same refusal.
    let (bureau, structure, draft) = tiny();
    let gone = apply_edit(
        &bureau,
        &structure,
        &draft,
        &StructureEdit::DeleteUnit {
            unit: "n-cmd".into(),
        },
    )
    .expect("deleted");
    let e = apply_edit(
        &bureau,
        &gone.structure,
        &draft,
        &StructureEdit::AddUnit {
            name: "研判室".into(),
            parent: Some("n-cmd".into()),
            kind: UnitKind::SubUnit,
            tier: Tier::Office,
        },
    )
    .expect_err("refused");
    assert_eq!(e.problem, EditProblem::UnknownParent);
}

#[test]
fn a_unit_cannot_become_its_own_ancestor() {
    for parent in ["n-cmd", "n-cmd-zh"] {
        let e = refused(StructureEdit::MoveUnit {
            unit: "n-cmd".into(),
            parent: Some(parent.into()),
            index: 0,
        });
        assert_eq!(
            (e.problem, e.field.as_str()),
            (EditProblem::OwnAncestor, "parent")
        );
        assert_eq!(e.unit_name.as_deref(), Some("警务指挥部"));
    }
}

#[test]
fn moving_reorders_and_reparents_with_sub_units() {
    let out = applied(StructureEdit::MoveUnit {
        unit: "n-cmd".into(),
        parent: None,
        index: 1,
    });
    let ids: Vec<&str> = out.structure.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["n-inv", "n-cmd", "n-cmd-zh", "n-ps1", "n-ps2"]);
    let out = applied(StructureEdit::MoveUnit {
        unit: "n-cmd-zh".into(),
        parent: Some("n-inv".into()),
        index: 0,
    });
    assert_eq!(
        out.structure
            .unit("n-cmd-zh")
            .and_then(|u| u.parent.clone()),
        Some("n-inv".into())
    );
    // Nobody loses a placement by a move.
    assert!(out.unplaced.is_empty());
}

#[test]
fn the_merge_map_only_points_at_existing_units() {
    let e = refused(StructureEdit::MapOldUnit {
        old_unit: "o-office".into(),
        to: vec!["n-inv".into(), "n-gone".into()],
    });
    assert_eq!(
        (e.problem, e.field.as_str()),
        (EditProblem::UnknownUnit, "to")
    );
    assert_eq!(e.unit_name.as_deref(), Some("办公室"));
    let e = refused(StructureEdit::MapOldUnit {
        old_unit: "o-nowhere".into(),
        to: vec!["n-inv".into()],
    });
    assert_eq!(e.problem, EditProblem::UnknownOldUnit);
    let e = refused(StructureEdit::MapOldUnit {
        old_unit: "o-office".into(),
        to: vec!["n-inv".into(), "n-inv".into()],
    });
    assert_eq!(e.problem, EditProblem::DuplicateDestination);

    let out = applied(StructureEdit::MapOldUnit {
        old_unit: "o-office".into(),
        to: vec!["n-inv".into(), "n-cmd".into()],
    });
    assert_eq!(out.structure.destinations("o-office"), ["n-inv", "n-cmd"]);
    let out = applied(StructureEdit::MapOldUnit {
        old_unit: "o-office".into(),
        to: vec![],
    });
    assert!(out.structure.destinations("o-office").is_empty());
}

#[test]
fn deleting_a_unit_returns_its_people_and_unmaps_it() {
    let out = applied(StructureEdit::DeleteUnit {
        unit: "n-cmd".into(),
    });
    // n-cmd held 100001, 100005, 200001 and its sub-unit n-cmd-zh held 100002.
    assert_eq!(out.unplaced, ["100001", "100002", "100005", "200001"]);
    assert!(out.structure.unit("n-cmd-zh").is_none());
    assert!(out.structure.destinations("o-office").is_empty());
    assert_eq!(out.structure.destinations("o-zhian"), ["n-inv"]);
    let (bureau, _, _) = tiny();
    let check = check_structure(&bureau, &out.structure, &[]);
    assert!(check.findings.contains(&StructureFinding::UnmappedOldUnit {
        unit: "o-office".into(),
        name: "办公室".into()
    }));
}

#[test]
fn the_people_a_deletion_would_send_back_are_counted_before_it() {
    let (bureau, structure, draft) = tiny();
    for unit in structure.units.iter().map(|u| u.id.clone()) {
        let out = apply_edit(
            &bureau,
            &structure,
            &draft,
            &StructureEdit::DeleteUnit { unit: unit.clone() },
        )
        .expect("deleted");
        assert_eq!(
            placed_within(&structure, &draft, &unit),
            out.unplaced.len(),
            "{unit}"
        );
    }
    // A department counts its sub-units' people too; a unit that is not there, nobody.
    assert_eq!(placed_within(&structure, &draft, "n-cmd"), 4);
    assert_eq!(placed_within(&structure, &draft, "n-cmd-zh"), 1);
    assert_eq!(placed_within(&structure, &draft, "no-such-unit"), 0);
}

#[test]
fn renaming_keeps_the_id_and_placements() {
    let out = applied(StructureEdit::RenameUnit {
        unit: "n-inv".into(),
        name: "刑侦部".into(),
    });
    assert_eq!(
        out.structure.unit("n-inv").map(|u| u.name.as_str()),
        Some("刑侦部")
    );
    assert!(out.unplaced.is_empty());
}

#[test]
fn functions_are_set_and_bounded() {
    let out = applied(StructureEdit::SetFunctions {
        unit: "n-inv".into(),
        functions: "刑事案件侦查\n技术支撑\n".into(),
    });
    assert_eq!(
        out.structure.unit("n-inv").map(|u| u.functions.as_str()),
        Some("刑事案件侦查\n技术支撑")
    );
    let e = refused(StructureEdit::SetFunctions {
        unit: "n-inv".into(),
        functions: "职".repeat(4_001),
    });
    assert_eq!(
        (e.problem, e.field.as_str()),
        (EditProblem::TextTooLong, "functions")
    );
}

#[test]
fn the_check_reports_units_without_establishment_and_changed_totals() {
    let (bureau, structure, draft) = tiny();
    let out = apply_edit(
        &bureau,
        &structure,
        &draft,
        &StructureEdit::AddUnit {
            name: "研判室".into(),
            parent: Some("n-inv".into()),
            kind: UnitKind::SubUnit,
            tier: Tier::Office,
        },
    )
    .expect("added");
    let id = out.created.clone().expect("id");
    let check = check_structure(&bureau, &out.structure, &[]);
    let added = check.totals.officer_establishment.after;
    assert!(check
        .findings
        .contains(&StructureFinding::UnitWithoutEstablishment {
            unit: id.clone(),
            name: "研判室".into()
        }));
    let out = apply_edit(
        &bureau,
        &out.structure,
        &draft,
        &set(&id, NumberField::OfficerEstablishment, 3.0),
    )
    .expect("set");
    let check = check_structure(&bureau, &out.structure, &[]);
    let totals = check.totals.officer_establishment;
    assert_eq!(totals.after, added + 3);
    assert_eq!(
        check
            .findings
            .contains(&StructureFinding::OfficerEstablishmentChanged {
                before: totals.before,
                after: totals.after
            }),
        totals.before != totals.after
    );
    // The scenario's rules cap 刑事侦查部 at what it had: its sub-units now exceed that.
    let rules = default_rules(&bureau, &structure);
    let mut capped = out.structure.clone();
    if let Some(u) = capped.units.iter_mut().find(|u| u.id == id) {
        u.officer_establishment = 5;
    }
    let check = check_structure(&bureau, &capped, &rules);
    assert!(
        check.findings.iter().any(|f| matches!(
            f,
            StructureFinding::SubUnitsExceedDepartment { unit, sub_units: 5, department: 4, .. }
                if unit == "n-inv"
        )),
        "{:?}",
        check.findings
    );
}
