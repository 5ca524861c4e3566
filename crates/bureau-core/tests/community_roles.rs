//! Who counts as community police (社区民警): an officer the plan gives a community post, at a
//! station — today's community officers keep theirs unless the plan takes it; a station's head
//! and deputies never hold one, whatever the roster's role column or the draft says, in the
//! metrics (before and after), the checker and the optimiser alike.
//!
//! On the hand-written `tiny` bureau: 赵磊 heads 城关派出所 and is marked as community police in
//! the roster; 张伟 heads 办公室 and is sent down to 河口派出所. Neither counts.

use bureau_core::checker::check;
use bureau_core::metrics::community_eligible;
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{Rule, RuleKind};
use bureau_core::{compute_metrics, Bureau, BureauFile, Draft, Post, Structure};

fn tiny_with_leaders_at_stations() -> (Bureau, Structure, Draft) {
    let file = BureauFile::parse(include_str!("../../../fixtures/tiny.json")).expect("valid");
    let (mut bureau, structure, draft) = file.into_parts();
    let mut draft = draft.expect("tiny has a draft");
    let head = bureau
        .people
        .iter_mut()
        .find(|p| p.police_number == "100007")
        .expect("赵磊");
    assert_eq!(head.post, Post::Head);
    head.community_police = true;
    draft.assignment.insert("100001".into(), "n-ps2".into());
    draft.pins.clear();
    (bureau, structure, draft)
}

fn hard(id: &str, kind: RuleKind) -> Rule {
    Rule {
        id: id.into(),
        kind,
        hard: true,
        weight: 1.0,
    }
}

#[test]
fn station_leaders_are_not_counted_as_community_police() {
    let (bureau, structure, draft) = tiny_with_leaders_at_stations();
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    // Today: 黄敏 and 周杰; 赵磊's role mark does not count for a station head.
    assert_eq!(m.before.station_officers, 3);
    assert_eq!(m.before.community_officers, 2);
    // After: 赵磊, 黄敏 (城关); 杨勇 sent down, 周杰 unplaced in his old station, 张伟 sent down
    // (河口). Community: 黄敏 and 周杰, who hold the post today; 杨勇 arrives without one.
    assert_eq!(m.after.station_officers, 5);
    assert_eq!(m.after.community_officers, 2);
    assert!((m.community_share - 0.4).abs() < 1e-12);
    let ps2 = |m: &bureau_core::Metrics| {
        let u = m
            .new_units
            .iter()
            .find(|u| u.unit_id == "n-ps2")
            .expect("河口");
        (u.officers, u.community_officers)
    };
    assert_eq!(ps2(&m), (2, 0));

    // The plan gives 杨勇 the post, and (in vain) 赵磊 and 张伟 too.
    let mut roles = draft.community.clone();
    for n in ["100006", "100007", "100001"] {
        let p = bureau.person(n).expect("on the roster");
        roles.set_role(p, true);
    }
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &roles);
    assert_eq!(m.after.community_officers, 3);
    assert!((m.community_share - 0.6).abs() < 1e-12);
    assert_eq!(ps2(&m), (2, 1));
    assert_eq!(
        m.before.community_officers, 2,
        "today's figure ignores the plan"
    );
}

#[test]
fn the_checker_does_not_count_leaders_towards_the_community_share() {
    let (bureau, structure, draft) = tiny_with_leaders_at_stations();
    let rules = [hard("community", RuleKind::CommunityShare { min: 0.7 })];
    let violations = check(&bureau, &structure, &rules, &draft.assignment, &draft);
    let v = violations
        .iter()
        .find(|v| v.rule_id == "community")
        .expect("2 of 5 station officers is below 70%");
    assert!(v.hard);
    assert_eq!(v.shortfall, 2, "{v:?}");
    // Counted from the plan's roles: 杨勇 given the post makes 3 of 5.
    let mut plan = draft.clone();
    let yang = bureau.person("100006").expect("杨勇");
    plan.community.set_role(yang, true);
    let v = check(&bureau, &structure, &rules, &plan.assignment, &plan);
    assert_eq!(v.first().map(|v| v.shortfall), Some(1), "{v:?}");
}

/// The optimiser, asked for a community share that only non-leaders can make, never relies on
/// a leader; the checker agrees with the plan it returns.
#[test]
fn the_optimiser_never_makes_a_leader_community_police() {
    let (bureau, structure, _) = tiny_with_leaders_at_stations();
    let rules = [
        hard("community", RuleKind::CommunityShare { min: 0.75 }),
        hard("posts", RuleKind::PostsWithinLimits),
    ];
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
    let hard_violations: Vec<_> = check(
        &bureau,
        &structure,
        &rules,
        &out.assignment,
        &out.plan(&draft),
    )
    .into_iter()
    .filter(|v| v.hard)
    .collect();
    assert!(hard_violations.is_empty(), "{hard_violations:#?}");
    let m = compute_metrics(&bureau, &structure, &out.assignment, &out.community);
    // Recount by hand: non-leader officers at a station the plan gives the role.
    let mut stations = 0;
    let mut community = 0;
    for p in bureau.people.iter().filter(|p| p.is_officer()) {
        let Some(unit) = out.assignment.get(&p.police_number) else {
            continue;
        };
        if structure.unit(unit).is_some_and(|u| u.is_station()) {
            stations += 1;
            if p.post == Post::None && out.community.role(p) {
                community += 1;
            }
            if p.post != Post::None {
                assert!(!community_eligible(p), "{} is a leader", p.name);
            }
        }
    }
    assert_eq!(m.after.station_officers, stations);
    assert_eq!(m.after.community_officers, community);
    assert!(f64::from(community) >= 0.75 * f64::from(stations));
}
