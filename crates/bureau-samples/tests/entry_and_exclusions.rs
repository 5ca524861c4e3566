//! Entry requirements (准入要求) and exclusions (不宜调往) on a bureau that is not the sample
//! (测试县公安局, with the "1+5(+N)+1" template): the defaults name its traffic squads and
//! legal-affairs rooms, a solve respects them, an exclusion forces another plan, and the
//! independent checker agrees every time.

use bureau_core::checker::check;
use bureau_core::metrics::is_move;
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{default_rules, Requirement, Rule, RuleKind};
use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, Category, Draft, Exclusion, Qualification, Structure, Tier, UnitKind};
use bureau_samples::test_county;

fn run(bureau: &Bureau, structure: &Structure, rules: &[Rule], draft: &Draft) -> SolveOutcome {
    let out = solve(&SolveRequest {
        bureau,
        structure,
        rules,
        draft,
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    let hard: Vec<_> = check(bureau, structure, rules, &out.assignment, &out.plan(draft))
        .into_iter()
        .filter(|v| v.hard)
        .collect();
    assert!(hard.is_empty(), "the checker refuses the plan: {hard:#?}");
    out
}

/// The template's structure, with each traffic squad asked for two officers more than its
/// merge map brings, so that officers must enter it by a move.
fn squads_short_of_officers(bureau: &Bureau) -> (Structure, Vec<Rule>) {
    let (mut structure, _) = apply(Template::OnePlusFive, bureau);
    let need: Vec<(String, u32)> = structure
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::TrafficSquad)
        .map(|squad| {
            let fed = bureau
                .people
                .iter()
                .filter(|p| {
                    p.is_officer() && structure.destinations(&p.current_unit).contains(&squad.id)
                })
                .count() as u32;
            (squad.id.clone(), fed)
        })
        .collect();
    for (squad, fed) in &need {
        if let Some(u) = structure.units.iter_mut().find(|u| &u.id == squad) {
            u.officer_establishment = u.officer_establishment.max(fed + 2);
        }
    }
    let mut rules = default_rules(bureau, &structure);
    for (squad, fed) in need {
        rules.push(Rule {
            id: format!("staffed:{squad}"),
            kind: RuleKind::UnitHeadcount {
                unit: squad,
                category: Category::Officer,
                min: Some(fed + 2),
                max: None,
            },
            hard: true,
            weight: 1.0,
        });
    }
    (structure, rules)
}

#[test]
fn the_defaults_name_the_traffic_squads_and_the_legal_rooms_of_a_new_bureau() {
    let bureau = test_county();
    let (structure, _) = apply(Template::OnePlusFive, &bureau);
    let rules = default_rules(&bureau, &structure);
    // Soft by default: a roster with few specialities must still have a plan.
    assert!(rules
        .iter()
        .filter(|r| matches!(r.kind, RuleKind::EntryRequirement { .. }))
        .all(|r| !r.hard));
    let entry: Vec<(&str, &Requirement, f64)> = rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::EntryRequirement {
                unit,
                requires,
                share,
            } => Some((unit.as_str(), requires, *share)),
            _ => None,
        })
        .collect();
    let squads: Vec<&str> = structure
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::TrafficSquad)
        .map(|u| u.id.as_str())
        .collect();
    assert!(!squads.is_empty());
    for squad in &squads {
        assert!(
            entry.iter().any(|(u, r, s)| u == squad
                && **r == Requirement::Speciality("交通".into())
                && *s == 1.0),
            "{squad}: {entry:?}"
        );
    }
    let legal: Vec<&str> = entry
        .iter()
        .filter(|(_, r, _)| **r == Requirement::Qualification(Qualification::Legal))
        .map(|(u, _, s)| {
            assert_eq!(*s, 0.5);
            *u
        })
        .collect();
    let names: Vec<&str> = legal
        .iter()
        .filter_map(|u| structure.unit(u).map(|u| u.name.as_str()))
        .collect();
    assert!(names.contains(&"行政执法业务队"), "{names:?}");
    assert!(names.iter().all(|n| n.contains("执法业务")), "{names:?}");
}

#[test]
fn officers_sent_to_a_traffic_squad_hold_the_traffic_speciality() {
    let bureau = test_county();
    let (structure, rules) = squads_short_of_officers(&bureau);
    let out = run(&bureau, &structure, &rules, &Draft::default());
    let entrants: Vec<_> = out
        .moves
        .iter()
        .filter(|m| structure.unit(&m.to).map(|u| u.kind) == Some(UnitKind::TrafficSquad))
        .filter(|m| is_move(&structure, &m.from, &m.to))
        .filter_map(|m| bureau.person(&m.police_number))
        .filter(|p| p.is_officer())
        .collect();
    assert!(entrants.len() >= 4, "{entrants:?}");
    for p in &entrants {
        assert!(
            p.specialities.iter().any(|s| s == "交通"),
            "{} enters a squad without 交通",
            p.police_number
        );
    }
    // Without the entry rules, the cheapest officers to send are not all traffic officers:
    // the rule is what picks them.
    let open: Vec<Rule> = rules
        .iter()
        .filter(|r| !matches!(r.kind, RuleKind::EntryRequirement { .. }))
        .cloned()
        .collect();
    let free = run(&bureau, &structure, &open, &Draft::default());
    let violations = check(
        &bureau,
        &structure,
        &rules,
        &free.assignment,
        &Draft::default(),
    );
    assert!(
        violations.iter().any(|v| v.rule_id.starts_with("entry:")),
        "the plan without entry rules happens to meet them: the test proves nothing"
    );
}

#[test]
fn an_exclusion_from_the_grassroots_forces_another_plan_and_check_agrees() {
    let bureau = test_county();
    let (structure, rules) = squads_short_of_officers(&bureau);
    let first = run(&bureau, &structure, &rules, &Draft::default());
    let grassroots = |id: &str| structure.unit(id).map(|u| u.tier) == Some(Tier::Grassroots);
    let sent_down = first
        .moves
        .iter()
        .find(|m| grassroots(&m.to) && is_move(&structure, &m.from, &m.to))
        .expect("the plan sends someone to the grassroots")
        .police_number
        .clone();
    let draft = Draft {
        exclusions: vec![Exclusion {
            police_number: sent_down.clone(),
            unit: None,
        }],
        ..Draft::default()
    };
    // The first plan breaks the exclusion, as the checker says.
    let broken = check(
        &bureau,
        &structure,
        &rules,
        &first.assignment,
        &first.plan(&draft),
    );
    assert!(
        broken
            .iter()
            .any(|v| v.rule_id == "exclusions" && v.hard && v.people == [sent_down.clone()]),
        "{broken:#?}"
    );
    let second = run(&bureau, &structure, &rules, &draft);
    let now = &second.assignment[&sent_down];
    assert!(!grassroots(now), "{sent_down} is still sent to {now}");
    assert_ne!(first.assignment, second.assignment);
    assert!(second.objective >= first.objective);
}

#[test]
fn an_exclusion_from_a_unit_covers_its_rooms() {
    let bureau = test_county();
    let (structure, rules) = squads_short_of_officers(&bureau);
    let first = run(&bureau, &structure, &rules, &Draft::default());
    // Someone the plan places in a room of a department: exclude them from the department.
    let (number, dept) = first
        .assignment
        .iter()
        .find_map(|(n, u)| {
            let unit = structure.unit(u)?;
            unit.parent.clone().map(|d| (n.clone(), d))
        })
        .expect("someone sits in a room");
    let draft = Draft {
        exclusions: vec![Exclusion {
            police_number: number.clone(),
            unit: Some(dept.clone()),
        }],
        ..Draft::default()
    };
    let second = run(&bureau, &structure, &rules, &draft);
    let now = &second.assignment[&number];
    assert_ne!(structure.top_level(now), dept, "{number} still in {now}");
}
