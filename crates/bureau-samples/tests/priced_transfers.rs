//! Priced transfers on a bureau that is not the sample (测试县公安局): a new 合成作战中心 that
//! needs two more officers than its merge map brings can only be staffed by transfers from
//! other departments. The optimiser finds such a plan and the independent checker accepts it.

use bureau_core::checker::check;
use bureau_core::metrics::is_move;
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{default_rules, Rule, RuleKind};
use bureau_core::templates::{apply, Template};
use bureau_core::{Category, Draft};
use bureau_samples::test_county;

#[test]
fn only_a_cross_department_transfer_staffs_a_new_centre_and_check_agrees() {
    let bureau = test_county();
    let (mut structure, _) = apply(Template::OnePlusFive, &bureau);
    let centre = "t-hc";
    let feeding: Vec<String> = structure
        .merge_map
        .iter()
        .filter(|e| e.to.iter().any(|t| structure.top_level(t) == centre))
        .map(|e| e.from.clone())
        .collect();
    let fed = bureau
        .people
        .iter()
        .filter(|p| p.is_officer() && feeding.contains(&p.current_unit))
        .count() as u32;
    let need = fed + 2;
    let unit = structure
        .units
        .iter_mut()
        .find(|u| u.id == centre)
        .expect("the template has a 合成作战中心");
    unit.officer_establishment = need;
    let mut rules = default_rules(&bureau, &structure);
    rules.push(Rule {
        id: "centre_staffed".into(),
        kind: RuleKind::UnitHeadcount {
            unit: centre.into(),
            category: Category::Officer,
            min: Some(need),
            max: None,
        },
        hard: true,
        weight: 1.0,
    });
    let draft = Draft::default();
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    let transferred: Vec<_> = out
        .moves
        .iter()
        .filter(|m| m.to == centre)
        .filter(|m| is_move(&structure, &m.from, &m.to))
        .collect();
    assert!(transferred.len() >= 2, "{transferred:?}");
    for m in &transferred {
        assert!(
            !feeding.contains(&m.from),
            "{} comes from a feeding unit",
            m.from
        );
    }
    let hard: Vec<_> = check(
        &bureau,
        &structure,
        &rules,
        &out.assignment,
        &out.plan(&draft),
    )
    .into_iter()
    .filter(|v| v.hard)
    .collect();
    assert!(hard.is_empty(), "the checker refuses the plan: {hard:#?}");
}

/// The transfer weight is the planner's: what two forced transfers cost moves the optimum by
/// exactly that weight's difference, and the plan stays one the checker accepts.
#[test]
fn the_transfer_weight_prices_the_forced_transfers() {
    use bureau_core::optimiser::Weights;
    let bureau = test_county();
    let (mut structure, _) = apply(Template::OnePlusFive, &bureau);
    let centre = "t-hc";
    let fed = bureau
        .people
        .iter()
        .filter(|p| {
            p.is_officer()
                && structure
                    .destinations(&p.current_unit)
                    .iter()
                    .any(|d| structure.top_level(d) == centre)
        })
        .count() as u32;
    if let Some(u) = structure.units.iter_mut().find(|u| u.id == centre) {
        u.officer_establishment = fed + 2;
    }
    let mut rules = default_rules(&bureau, &structure);
    rules.push(Rule {
        id: "centre_staffed".into(),
        kind: RuleKind::UnitHeadcount {
            unit: centre.into(),
            category: Category::Officer,
            min: Some(fed + 2),
            max: None,
        },
        hard: true,
        weight: 1.0,
    });
    let draft = Draft::default();
    let objective = |transfer: f64| {
        let settings = SolveSettings {
            // Posts free: the workload rule's second pass re-places the stations' people, and
            // posts priced there could make up a fraction of a transfer's price.
            weights: Weights {
                transfer,
                community_role: 0.0,
                ..Weights::default()
            },
            ..SolveSettings::default()
        };
        let out = solve(&SolveRequest {
            bureau: &bureau,
            structure: &structure,
            rules: &rules,
            draft: &draft,
            mode: Mode::Plan,
            settings: &settings,
        })
        .expect("the solver runs");
        assert_eq!(out.status, SolveStatus::Optimal);
        out.objective.expect("objective")
    };
    let (cheap, dear) = (objective(1.0), objective(101.0));
    assert!(dear - cheap >= 2.0 * 100.0 - 1e-6, "{cheap} → {dear}");
}
