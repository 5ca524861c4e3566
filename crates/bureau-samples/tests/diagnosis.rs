//! The diagnosis of infeasible plans on a generated bureau (not the sample): for each kind of
//! blocker, the finding names the right rule and unit and says what holds it back, and every
//! hint is checked by solving again with the hint applied.

use bureau_core::checker::check;
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{default_rules, Rule, RuleKind};
use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, Category, Draft, Structure, Tier, UnitKind};

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
    let hard: Vec<_> = check(bureau, structure, rules, &out.assignment, draft)
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

/// A department that needs two officers more than the old units mapped to it have.
fn department_beyond_its_merge_map(bureau: &Bureau, structure: &Structure) -> (String, u32) {
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
    let reachable = bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && feeders.contains(&p.current_unit.as_str()))
        .count() as u32;
    (dept.id.clone(), reachable + 2)
}

#[test]
fn the_merge_map_is_named_when_only_it_blocks_a_unit() {
    let (bureau, structure, draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    let (dept, min) = department_beyond_its_merge_map(&bureau, &structure);
    // The department's own caps would be broken by any such plan: leave only the new floor.
    rules.retain(|r| r.kind.unit() != Some(dept.as_str()));
    rules.push(Rule {
        id: "dept_floor".into(),
        kind: RuleKind::UnitHeadcount {
            unit: dept.clone(),
            category: Category::Officer,
            min: Some(min),
            max: None,
        },
        hard: true,
        weight: 1.0,
    });
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert_eq!(out.diagnosis.len(), 1, "{:#?}", out.diagnosis);
    let d = &out.diagnosis[0];
    assert_eq!(d.rule_id, "dept_floor");
    assert_eq!(d.shortfall, 2);
    assert_eq!(d.units, vec![dept.clone()]);
    assert!(
        d.message_zh.contains("合并映射挡住 2 人"),
        "{}",
        d.message_zh
    );
    assert!(
        d.message_en.contains("the merge map holds back 2"),
        "{}",
        d.message_en
    );
    // True: once the merge map sends one more old unit there, a plan exists.
    let mut wider = structure.clone();
    let extra = wider
        .merge_map
        .iter_mut()
        .find(|e| {
            !e.to.iter().any(|t| structure.top_level(t) == dept)
                && bureau
                    .people
                    .iter()
                    .filter(|p| p.is_officer() && p.current_unit == e.from)
                    .count()
                    >= 3
                && bureau
                    .old_unit(&e.from)
                    .is_some_and(|u| u.tier == Tier::Office)
        })
        .expect("another office unit");
    extra.to.push(dept.clone());
    assert_plan(&bureau, &wider, &rules, &draft);
}

#[test]
fn a_hard_placement_rule_is_named_with_the_people_it_holds_back() {
    let (bureau, structure, draft) = generated();
    let mut rules = default_rules(&bureau, &structure);
    for r in &mut rules {
        if matches!(r.kind, RuleKind::SeniorsToGrassroots { .. }) {
            r.hard = true;
        }
    }
    // Every department keeps at least as many officers as its feeders have today: the hard
    // 50+ rule sends their seniors down, so some department falls short because of it.
    let mut floors = Vec::new();
    for dept in structure
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
    {
        let feeders: Vec<&str> = structure
            .merge_map
            .iter()
            .filter(|e| e.to.iter().all(|t| structure.top_level(t) == dept.id))
            .map(|e| e.from.as_str())
            .collect();
        let today = bureau
            .people
            .iter()
            .filter(|p| p.is_officer() && feeders.contains(&p.current_unit.as_str()))
            .count() as u32;
        floors.push(Rule {
            id: format!("floor_{}", dept.id),
            kind: RuleKind::UnitHeadcount {
                unit: dept.id.clone(),
                category: Category::Officer,
                min: Some(today),
                max: None,
            },
            hard: true,
            weight: 1.0,
        });
    }
    rules.retain(|r| !matches!(r.kind, RuleKind::UnitHeadcount { .. }));
    rules.retain(|r| {
        !matches!(
            r.kind,
            RuleKind::StationShare { .. } | RuleKind::OfficeReduction { .. }
        )
    });
    rules.extend(floors);
    let out = run(&bureau, &structure, &rules, &draft);
    assert_eq!(
        out.status,
        SolveStatus::Infeasible,
        "seniors must make it fail"
    );
    let named = out
        .diagnosis
        .iter()
        .find(|d| d.rule_id.starts_with("floor_") && d.message_zh.contains("50"))
        .unwrap_or_else(|| panic!("the 50+ rule not named: {:#?}", out.diagnosis));
    assert_eq!(named.units.len(), 1, "{named:?}");
    assert!(named.message_zh.contains("挡住"), "{}", named.message_zh);
    assert!(out.diagnosis.iter().all(|d| d.rule_id != "pins"));
    // True: with the 50+ rule soft, a plan exists.
    for r in &mut rules {
        if matches!(r.kind, RuleKind::SeniorsToGrassroots { .. }) {
            r.hard = false;
        }
    }
    assert_plan(&bureau, &structure, &rules, &draft);
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
