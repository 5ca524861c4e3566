//! The diagnosis of infeasible plans on a generated bureau (not the sample): for each kind of
//! blocker, the finding names the right rule and unit and says what holds it back, and every
//! hint is checked by solving again with the hint applied.

use bureau_core::checker::check;
use bureau_core::move_reasons::MoveReason;
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{default_rules, describe_in, Lang, Rule, RuleKind};
use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, Category, Draft, Qualification, Structure, Tier, UnitKind};

fn generated() -> (Bureau, Structure, Draft) {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    (bureau, structure, draft)
}

fn run(bureau: &Bureau, structure: &Structure, rules: &[Rule], draft: &Draft) -> SolveOutcome {
    solve(&SolveRequest {
        bureau,
        structure,
        rules,
        draft,
        mode: Mode::Repair,
        settings: &SolveSettings::default(),
    })
    .expect("the solver runs")
}

/// A plan exists, and the independent checker agrees it breaks no hard rule.
fn assert_plan(bureau: &Bureau, structure: &Structure, rules: &[Rule], draft: &Draft) {
    let out = run(bureau, structure, rules, draft);
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    let hard: Vec<_> = check(bureau, structure, rules, &out.assignment, &out.plan(draft))
        .into_iter()
        .filter(|v| v.hard)
        .collect();
    assert!(hard.is_empty(), "{hard:#?}");
}

/// Every officer outside today's stations pinned where the draft puts them.
fn pin_non_station_officers(bureau: &Bureau, draft: &mut Draft) {
    draft.pins = bureau
        .people
        .iter()
        .filter(|p| {
            p.is_officer()
                && bureau
                    .old_unit(&p.current_unit)
                    .is_some_and(|u| u.kind != UnitKind::PoliceStation)
        })
        .map(|p| p.police_number.clone())
        .collect();
}

#[test]
fn pins_are_named_and_unpinning_the_people_named_makes_a_plan() {
    let (bureau, structure, mut draft) = generated();
    let rules = default_rules(&bureau, &structure);
    pin_non_station_officers(&bureau, &mut draft);
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    // Here the pins hold departments over their caps (and posts): each such rule is named with
    // its unit and the pins, and nothing is blamed on the merge map.
    let findings: Vec<_> = out
        .diagnosis
        .iter()
        .filter(|d| d.rule_id != "pins")
        .collect();
    assert!(!findings.is_empty(), "{:#?}", out.diagnosis);
    for d in &findings {
        assert!(d.message_zh.contains("固定人员挡住"), "{}", d.message_zh);
        assert!(d.message_en.contains("pins hold back"), "{}", d.message_en);
        assert!(!d.message_zh.contains("合并映射"), "{}", d.message_zh);
        let rule = rules.iter().find(|r| r.id == d.rule_id).expect("a rule");
        if let RuleKind::UnitHeadcount { unit, .. } = &rule.kind {
            assert_eq!(&d.units, &vec![unit.clone()], "{d:?}");
        }
    }
    let hint = out
        .diagnosis
        .iter()
        .find(|d| d.rule_id == "pins")
        .unwrap_or_else(|| panic!("no unpin hint: {:#?}", out.diagnosis));
    assert_eq!(hint.people.len(), hint.shortfall as usize);
    assert!(
        findings.iter().all(|d| hint.shortfall >= d.shortfall),
        "{hint:?}"
    );
    assert!(
        hint.message_zh
            .contains(&format!("解除 {} 人的固定", hint.shortfall)),
        "{}",
        hint.message_zh
    );
    // The hint is true: without those pins a plan exists.
    let mut unpinned = draft.clone();
    unpinned.pins.retain(|n| !hint.people.contains(n));
    assert_plan(&bureau, &structure, &rules, &unpinned);
}

#[test]
fn pins_that_are_not_the_blocker_get_no_unpin_hint() {
    let (bureau, structure, mut draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    pin_non_station_officers(&bureau, &mut draft);
    // More officers at stations than the bureau has: no unpinning can help.
    for r in &mut rules {
        if let RuleKind::StationShare { min } = &mut r.kind {
            *min = 1.01;
        }
    }
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert!(
        out.diagnosis.iter().all(|d| d.rule_id != "pins"),
        "{:#?}",
        out.diagnosis
    );
    let station = out
        .diagnosis
        .iter()
        .find(|d| d.rule_id == "station_share")
        .unwrap_or_else(|| panic!("station share not named: {:#?}", out.diagnosis));
    assert!(
        station.message_zh.contains("即使解除全部固定"),
        "{}",
        station.message_zh
    );
    // True: even with every pin lifted there is no plan.
    let mut free = draft.clone();
    free.pins.clear();
    assert_eq!(
        run(&bureau, &structure, &rules, &free).status,
        SolveStatus::Infeasible
    );
}

/// An office department, and the officers its merge map brings it (placed there for free).
fn office_department(bureau: &Bureau, structure: &Structure) -> (String, Vec<String>) {
    let dept = structure
        .units
        .iter()
        .find(|u| u.parent.is_none() && u.tier == Tier::Office)
        .expect("an office department");
    let feeders: Vec<&str> = structure
        .merge_map
        .iter()
        .filter(|e| e.to.iter().any(|t| structure.top_level(t) == dept.id))
        .map(|e| e.from.as_str())
        .collect();
    let mapped = bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && feeders.contains(&p.current_unit.as_str()))
        .map(|p| p.police_number.clone())
        .collect();
    (dept.id.clone(), mapped)
}

/// `rules` without the ones about `dept`, plus a hard floor of `min` officers in it.
fn with_floor(rules: &mut Vec<Rule>, dept: &str, min: u32) {
    rules.retain(|r| r.kind.unit() != Some(dept));
    rules.push(Rule {
        id: "dept_floor".into(),
        kind: RuleKind::UnitHeadcount {
            unit: dept.to_owned(),
            category: Category::Officer,
            min: Some(min),
            max: None,
        },
        hard: true,
        weight: 1.0,
    });
}

#[test]
fn the_merge_map_no_longer_blocks_a_department_that_needs_more() {
    let (bureau, structure, draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    let (dept, mapped) = office_department(&bureau, &structure);
    // Two officers more than the merge map brings: they can only come by transfer.
    with_floor(&mut rules, &dept, mapped.len() as u32 + 2);
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    assert_plan(&bureau, &structure, &rules, &draft);
    let arrived: Vec<_> = out
        .moves
        .iter()
        .filter(|m| structure.top_level(&m.to) == dept)
        .collect();
    assert!(arrived.len() >= 2, "{arrived:#?}");
    // Each arrival says why it is there; none is a function transfer (that is not a move).
    for m in &arrived {
        assert_ne!(m.reason, MoveReason::FunctionTransfer, "{m:?}");
        assert_ne!(m.reason, MoveReason::Grassroots, "{m:?}");
    }
    assert!(
        arrived.iter().any(|m| matches!(
            m.reason,
            MoveReason::CrossDepartment | MoveReason::FillEstablishment
        )),
        "{arrived:#?}"
    );
}

#[test]
fn a_hard_placement_rule_is_named_with_the_people_it_holds_back() {
    let (bureau, structure, draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    let grade = rules
        .iter()
        .position(|r| matches!(r.kind, RuleKind::ProfessionalGradeForOffice))
        .expect("the grade rule");
    assert!(rules[grade].hard);
    let (dept, mapped) = office_department(&bureau, &structure);
    // Everyone who may enter the department: the officers mapped there and every officer
    // holding the grade. Two more than that can only be officers the hard grade rule keeps out.
    let eligible = bureau
        .people
        .iter()
        .filter(|p| {
            p.is_officer()
                && (mapped.contains(&p.police_number) || p.has(Qualification::ProfessionalGrade))
        })
        .count() as u32;
    with_floor(&mut rules, &dept, eligible + 2);
    // Only the floor and the grade rule stay hard: nothing else competes for those officers.
    for r in &mut rules {
        r.hard = r.id == "dept_floor" || matches!(r.kind, RuleKind::ProfessionalGradeForOffice);
    }
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert_eq!(d.rule_id, "dept_floor");
    assert_eq!(d.units, vec![dept.clone()]);
    assert_eq!(d.shortfall, 2, "{d:?}");
    let grade_zh = describe_in(&rules[grade].kind, Lang::ZhCn, &structure);
    assert!(
        d.message_zh
            .contains(&format!("“{grade_zh}”挡住 2 人（来自")),
        "{}",
        d.message_zh
    );
    assert!(
        d.message_en.contains("holds back 2 (from"),
        "{}",
        d.message_en
    );
    assert!(!d.message_zh.contains("固定"), "{}", d.message_zh);
    // True: with the grade rule soft, a plan exists (and no pin was ever involved).
    rules[grade].hard = false;
    assert_plan(&bureau, &structure, &rules, &draft);
}

#[test]
fn a_hard_rule_that_fails_whatever_the_placements_says_so() {
    let (bureau, structure, draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    let (dept, _) = office_department(&bureau, &structure);
    // More officers than the bureau has: nothing to lift, the rule itself must change.
    let officers = bureau.people.iter().filter(|p| p.is_officer()).count() as u32;
    with_floor(&mut rules, &dept, officers + 3);
    for r in &mut rules {
        r.hard = r.id == "dept_floor";
    }
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert_eq!(d.rule_id, "dept_floor");
    assert_eq!(d.shortfall, 3);
    assert!(
        d.message_zh.contains("即使解除全部固定"),
        "{}",
        d.message_zh
    );
    assert!(!d.message_zh.contains("挡住"), "{}", d.message_zh);
}

#[test]
fn an_old_unit_missing_from_the_merge_map_is_refused_with_its_people() {
    let (bureau, mut structure, draft) = generated();
    let rules = default_rules(&bureau, &structure);
    let gone = structure.merge_map.remove(0);
    let old = bureau.old_unit(&gone.from).expect("old unit");
    let people = bureau
        .people
        .iter()
        .filter(|p| p.current_unit == gone.from)
        .count() as u32;
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert_eq!(d.rule_id, "merge_map");
    assert_eq!(d.units, vec![gone.from.clone()]);
    assert_eq!(d.shortfall, people);
    assert!(
        d.message_zh
            .contains(&format!("{}（{people} 人）", old.name)),
        "{}",
        d.message_zh
    );
    assert!(out.moves.is_empty());
}

#[test]
fn a_hard_establishment_overfilled_by_pins_names_the_unit_and_the_pins() {
    let (bureau, structure, mut draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    for r in &mut rules {
        if matches!(r.kind, RuleKind::UnitEstablishment) {
            r.hard = true;
        }
    }
    // A plan exists with the establishment hard; then three officers too many are pinned
    // into one station beyond its officer establishment.
    assert_plan(&bureau, &structure, &rules, &draft);
    let station = structure
        .units
        .iter()
        .find(|u| u.kind == UnitKind::PoliceStation && u.parent.is_none())
        .expect("a station");
    let (officers, _) = bureau_core::metrics::establishment(&structure.units, &station.id);
    let pinned: Vec<String> = bureau
        .people
        .iter()
        .filter(|p| p.is_officer())
        .take(officers as usize + 3)
        .map(|p| p.police_number.clone())
        .collect();
    assert_eq!(pinned.len(), officers as usize + 3, "enough officers");
    for n in &pinned {
        draft.assignment.insert(n.clone(), station.id.clone());
    }
    draft.pins = pinned;
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    let d = out
        .diagnosis
        .iter()
        .find(|d| d.rule_id == "unit_establishment")
        .unwrap_or_else(|| panic!("the establishment not named: {:#?}", out.diagnosis));
    assert_eq!(d.units, vec![station.id.clone()], "{d:?}");
    assert_eq!(d.shortfall, 3, "{:#?}", out.diagnosis);
    assert!(d.message_zh.contains(&station.name), "{}", d.message_zh);
    assert!(d.message_zh.contains("超出"), "{}", d.message_zh);
    // Some of the pinned are cadres the station has no posts for: lifting them serves both
    // rules, so the pins hold back at least the 3 and the hint may name more.
    assert!(
        d.message_zh.contains("固定人员挡住")
            && d.message_zh.contains(&format!("（固定在{} ", station.name)),
        "{}",
        d.message_zh
    );
    let hint = out
        .diagnosis
        .iter()
        .find(|d| d.rule_id == "pins")
        .unwrap_or_else(|| panic!("no unpin hint: {:#?}", out.diagnosis));
    assert!(hint.people.len() >= 3, "{hint:?}");
    assert!(
        hint.people.iter().all(|n| draft.pins.contains(n)),
        "{hint:?}"
    );
    // The hint is true: without those pins a plan exists.
    let mut unpinned = draft.clone();
    unpinned.pins.retain(|n| !hint.people.contains(n));
    assert_plan(&bureau, &structure, &rules, &unpinned);
}

#[test]
fn exclusions_are_named_with_the_people_they_hold_back() {
    let (bureau, structure, mut draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    let (dept, mapped) = office_department(&bureau, &structure);
    // Every officer not mapped to the department is excluded from it (不宜调往); a floor two
    // above the mapped officers can then only be met by lifting two exclusions.
    draft.exclusions = bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && !mapped.contains(&p.police_number))
        .map(|p| bureau_core::Exclusion {
            police_number: p.police_number.clone(),
            unit: Some(dept.clone()),
        })
        .collect();
    let officers_mapped = bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && mapped.contains(&p.police_number))
        .count() as u32;
    with_floor(&mut rules, &dept, officers_mapped + 2);
    for r in &mut rules {
        r.hard = r.id == "dept_floor";
    }
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert_eq!(d.rule_id, "dept_floor");
    assert_eq!(d.units, vec![dept.clone()]);
    assert_eq!(d.shortfall, 2, "{d:?}");
    assert!(
        d.message_zh.contains("“不宜调往”挡住 2 人（来自"),
        "{}",
        d.message_zh
    );
    assert!(
        d.message_en
            .contains("exclusions (不宜调往) hold back 2 (from"),
        "{}",
        d.message_en
    );
    assert!(!d.message_zh.contains("固定"), "{}", d.message_zh);
    // True: with two of the exclusions lifted, a plan exists.
    draft.exclusions.truncate(draft.exclusions.len() - 2);
    assert_plan(&bureau, &structure, &rules, &draft);
}

#[test]
fn pinned_community_roles_are_named_when_they_hold_a_community_rule_back() {
    let (bureau, structure, mut draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    // Every officer pinned out of a community post: no station can have a community officer.
    for p in bureau.people.iter().filter(|p| p.is_officer()) {
        draft.community.set_role(p, false);
        draft.community.pins.push(p.police_number.clone());
    }
    // The community share and, so that stations are staffed at all, the station share.
    for r in &mut rules {
        r.hard = matches!(
            r.kind,
            RuleKind::CommunityShare { .. } | RuleKind::StationShare { .. }
        );
    }
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert!(d.shortfall > 0, "{d:?}");
    assert!(
        d.message_zh
            .contains(&format!("固定的社区民警身份挡住 {} 人（来自", d.shortfall)),
        "{}",
        d.message_zh
    );
    assert!(
        d.message_en.contains("pinned community roles hold back"),
        "{}",
        d.message_en
    );
    assert!(!d.message_zh.contains("固定人员"), "{}", d.message_zh);
    // True: with the roles unpinned, a plan exists.
    draft.community.pins.clear();
    assert_plan(&bureau, &structure, &rules, &draft);
}
