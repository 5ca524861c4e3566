//! The trade-off sweep, the rules panel's view of every rule, and rule validation — on the
//! county sample, each optimum re-checked by the independent checker.

use bureau_core::checker::check;
use bureau_core::optimiser::{
    solve, sweep_values, tradeoff, with_parameter, Mode, SolveRequest, SolveSettings, SolveStatus,
    TradeoffPoint,
};
use bureau_core::rule_results::evaluate;
use bureau_core::rules::{default_rules, validate_rules, Rule, RuleKind};
use bureau_core::{compute_metrics, BureauFile};

fn county() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("valid")
}

#[test]
fn sweep_values_are_inclusive_rounded_and_bounded() {
    assert_eq!(
        sweep_values(0.4, 0.6, 0.05).expect("ok"),
        vec![0.4, 0.45, 0.5, 0.55, 0.6]
    );
    assert_eq!(sweep_values(0.4, 0.4, 0.1).expect("ok"), vec![0.4]);
    assert!(sweep_values(0.6, 0.4, 0.05).is_err());
    assert!(sweep_values(0.4, 0.6, 0.0).is_err());
    assert!(sweep_values(0.0, 1.0, 0.001).is_err(), "too many steps");
    assert!(sweep_values(f64::NAN, 1.0, 0.1).is_err());
}

#[test]
fn with_parameter_changes_only_the_named_rule() {
    let file = county();
    let (bureau, structure, _) = file.into_parts();
    let rules = default_rules(&bureau, &structure);
    let changed = with_parameter(&rules, "station_share", 0.55).expect("ok");
    for (a, b) in rules.iter().zip(&changed) {
        if a.id == "station_share" {
            assert_eq!(b.kind, RuleKind::StationShare { min: 0.55 });
        } else {
            assert_eq!(a, b);
        }
    }
    assert!(with_parameter(&rules, "no_such_rule", 0.5).is_err());
    assert!(with_parameter(&rules, "station_share", 1.5).is_err());
    assert!(with_parameter(&rules, "posts_within_limits", 1.0).is_err());
}

#[test]
fn county_sweep_moves_grow_with_the_share_until_infeasible() {
    let file = county();
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings::default();
    let req = SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    };
    let values = sweep_values(0.40, 0.70, 0.05).expect("ok");
    let mut steps = Vec::new();
    let result = tradeoff(&req, "station_share", &values, |done, total| {
        steps.push((done, total))
    })
    .expect("sweep runs");
    assert_eq!(steps.last().map(|s| s.0), Some(result.points.len()));
    let feasible: Vec<_> = result
        .points
        .iter()
        .filter(|p| p.status == SolveStatus::Optimal)
        .collect();
    assert!(!feasible.is_empty());
    // Tightening can only cost more: the optimum never falls (beyond the solver's rounding).
    for w in feasible.windows(2) {
        let objective = |p: &&TradeoffPoint| p.objective.unwrap_or(f64::NAN);
        assert!(
            objective(&w[1]) >= objective(&w[0]) - 1e-9,
            "{:?} then {:?}",
            w[0],
            w[1]
        );
    }
    // Each point is the optimum of the rules at that value, and passes the checker.
    for p in &feasible {
        let tightened = with_parameter(&rules, "station_share", p.value).expect("ok");
        let out = solve(&SolveRequest {
            rules: &tightened,
            ..req
        })
        .expect("solves");
        assert_eq!(out.moves.len() as u32, p.moves.expect("moves"));
        assert!(check(
            &bureau,
            &structure,
            &tightened,
            &out.assignment,
            &out.plan(&draft)
        )
        .iter()
        .all(|v| !v.hard));
        let m = compute_metrics(&bureau, &structure, &out.assignment, &out.community);
        assert!(m.station_share + 1e-9 >= p.value);
    }
    // The sweep stops at the first infeasible step, and only there.
    match result.first_infeasible {
        Some(v) => {
            let last = result.points.last().expect("points");
            assert_eq!(last.value, v);
            assert_eq!(last.status, SolveStatus::Infeasible);
            assert_eq!(last.moves, None);
        }
        None => assert_eq!(result.points.len(), values.len()),
    }
}

#[test]
fn rule_results_show_every_rule_with_the_checkers_verdict() {
    let file = county();
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let results = evaluate(&bureau, &structure, &rules, &draft.assignment, &draft);
    assert_eq!(results.len(), rules.len(), "one result per rule (no pins)");
    let violations = check(&bureau, &structure, &rules, &draft.assignment, &draft);
    for r in &results {
        let failing = violations.iter().any(|v| v.rule_id == r.rule_id);
        assert_eq!(r.passed, !failing, "{}", r.rule_id);
        assert!(!r.description_zh.is_empty() && !r.source_en.is_empty());
    }
    // Today the county misses the 40% station share: 105 of 331 officers, 28 short.
    let station = results
        .iter()
        .find(|r| r.rule_id == "station_share")
        .expect("rule");
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    assert!(!station.passed);
    assert_eq!(station.required, Some(0.4));
    assert_eq!(station.actual, Some(m.station_share));
    assert_eq!(station.shortfall, 28);

    // After the optimiser's plan every hard rule passes, with the measured values shown.
    let settings = SolveSettings::default();
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    })
    .expect("solves");
    let after = evaluate(
        &bureau,
        &structure,
        &rules,
        &out.assignment,
        &out.plan(&draft),
    );
    assert!(after.iter().filter(|r| r.hard).all(|r| r.passed));
    let station = after
        .iter()
        .find(|r| r.rule_id == "station_share")
        .expect("rule");
    let m = compute_metrics(&bureau, &structure, &out.assignment, &out.community);
    assert_eq!(station.actual, Some(m.station_share));
}

#[test]
fn invalid_rules_are_refused_with_index_and_field() {
    let file = county();
    let (bureau, structure, _) = file.into_parts();
    let mut rules = default_rules(&bureau, &structure);
    assert_eq!(validate_rules(&rules, &structure), Ok(()));
    rules.push(Rule {
        id: "x".into(),
        kind: RuleKind::StationShare { min: 1.4 },
        hard: true,
        weight: 1.0,
    });
    let n = rules.len() - 1;
    let (i, field, _) = validate_rules(&rules, &structure).expect_err("refused");
    assert_eq!((i, field.as_str()), (n, "kind.min"));
    rules[n].kind = RuleKind::SpecialityCoverage {
        unit: "n-nowhere".into(),
        speciality: "刑侦".into(),
        min: 2,
    };
    let (_, field, expected) = validate_rules(&rules, &structure).expect_err("refused");
    assert_eq!(field, "kind.unit");
    assert!(expected.contains("n-nowhere"));
    rules[n].kind = RuleKind::MoveCap { max: 3 };
    rules[n].id = "station_share".into();
    let (_, field, _) = validate_rules(&rules, &structure).expect_err("refused");
    assert_eq!(field, "id");
}
