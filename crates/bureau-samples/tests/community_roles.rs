//! Community roles on a generated bureau (not the sample): after a solve under the default
//! rules, no station head or deputy holds a community post (even one the roster marks as
//! community police), the checker accepts the plan with the community share counted from the
//! plan's roles, and the share the metrics report is the one a recount of the roles gives.

use bureau_core::checker::check;
use bureau_core::metrics::holds_community_post;
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, Post, UnitKind};

#[test]
fn no_station_leader_is_community_police_after_a_solve() {
    let mut bureau = bureau_samples::test_county();
    // A roster may mark a station's leaders as community police too; the mark must not count.
    let station_units: Vec<String> = bureau
        .old_units
        .iter()
        .filter(|u| u.kind == UnitKind::PoliceStation)
        .map(|u| u.id.clone())
        .collect();
    for p in &mut bureau.people {
        if p.post != Post::None && station_units.contains(&p.current_unit) {
            p.community_police = true;
        }
    }
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let rules = default_rules(&bureau, &structure);
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Repair,
        settings: &SolveSettings::default(),
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
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
    assert!(hard.is_empty(), "{hard:#?}");

    let mut leaders_at_stations = 0;
    let mut stations = 0u32;
    let mut community = 0u32;
    for p in bureau.people.iter().filter(|p| p.is_officer()) {
        let Some(placed) = out
            .assignment
            .get(&p.police_number)
            .and_then(|id| structure.unit(id))
        else {
            continue;
        };
        if placed.kind != UnitKind::PoliceStation {
            continue;
        }
        stations += 1;
        let counted = holds_community_post(bureau.info.as_of, p, placed, &out.community);
        if p.post != Post::None {
            leaders_at_stations += 1;
            assert!(!counted, "{} leads a station", p.name);
        } else if out.community.role(p) {
            community += 1;
        }
    }
    assert!(
        leaders_at_stations > 0,
        "the generated bureau has station leaders"
    );
    let m = compute_metrics(&bureau, &structure, &out.assignment, &out.community);
    assert_eq!(m.after.station_officers, stations);
    assert_eq!(m.after.community_officers, community);
}
