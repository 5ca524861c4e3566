//! What the checker says about a failing rule, on the hand-written `tiny` bureau: shares with
//! the precision they were given, "超出" for an exceeded maximum and "差" for a shortfall, the
//! unit at fault named, and plans naming people or units the bureau lacks picked out.

use bureau_core::checker::{check, unknown_entries, Violation};
use bureau_core::model::{Assignment, Category, Draft};
use bureau_core::rules::{describe, Lang, Rule, RuleKind};
use bureau_core::BureauFile;

fn tiny() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/tiny.json")).expect("tiny.json is valid")
}

fn rule(kind: RuleKind) -> Rule {
    Rule {
        id: "r".into(),
        kind,
        hard: true,
        weight: 1.0,
    }
}

/// The violations of `kind` on tiny's draft, with `change` applied to the draft's assignment.
fn violations(kind: RuleKind, change: impl FnOnce(&mut Assignment)) -> Vec<Violation> {
    let file = tiny();
    let mut assignment = file.draft.clone().expect("tiny has a draft").assignment;
    change(&mut assignment);
    let (bureau, structure, _) = file.into_parts();
    check(
        &bureau,
        &structure,
        &[rule(kind)],
        &assignment,
        &Draft::default(),
    )
}

#[test]
fn a_share_reads_with_the_precision_it_was_given() {
    let share = |min: f64, lang| describe(&RuleKind::StationShare { min }, lang);
    assert_eq!(
        share(0.546, Lang::ZhCn),
        "派出所民警占全局民警比例不低于54.6%"
    );
    assert_eq!(
        share(0.546, Lang::En),
        "station officers ≥ 54.6% of all officers"
    );
    assert_eq!(share(0.4, Lang::ZhCn), "派出所民警占全局民警比例不低于40%");
    assert_eq!(
        share(0.5465, Lang::En),
        "station officers ≥ 54.65% of all officers"
    );
    assert_eq!(
        describe(&RuleKind::OfficeReduction { min: 0.125 }, Lang::En),
        "office officers reduced by ≥ 12.5%"
    );
}

#[test]
fn an_exceeded_maximum_reads_over_by_and_a_shortfall_short_by() {
    // The draft puts two officers (李强, 刘洋) in 刑事侦查部.
    let headcount = |min, max| RuleKind::UnitHeadcount {
        unit: "n-inv".into(),
        category: Category::Officer,
        min,
        max,
    };
    let over = violations(headcount(None, Some(1)), |_| {});
    assert_eq!(over.len(), 1);
    assert!(over[0].over);
    assert_eq!(over[0].shortfall, 1);
    assert_eq!(
        over[0].message_zh,
        "刑事侦查部民警人数在 0–1 之间（超出 1）"
    );
    assert_eq!(
        over[0].message_en,
        "officers in 刑事侦查部 between 0 and 1 (over by 1)"
    );

    let short = violations(headcount(Some(3), None), |_| {});
    assert_eq!(short.len(), 1);
    assert!(!short[0].over);
    assert_eq!(short[0].message_zh, "刑事侦查部民警人数在 3–∞ 之间（差 1）");
    assert_eq!(
        short[0].message_en,
        "officers in 刑事侦查部 between 3 and ∞ (short by 1)"
    );

    let moves = violations(RuleKind::MoveCap { max: 0 }, |_| {});
    assert_eq!(moves.len(), 1);
    assert!(moves[0].over);
    assert!(moves[0].message_en.ends_with("(over by 1)"), "{moves:?}");
    assert!(moves[0].message_zh.ends_with("（超出 1）"), "{moves:?}");
}

#[test]
fn the_post_rule_names_the_unit_at_fault() {
    // Two heads (张伟 from the office, 李强 already there) in 刑事侦查部, which has one head post.
    let found = violations(RuleKind::PostsWithinLimits, |a| {
        a.insert("100001".into(), "n-inv".into());
    });
    assert_eq!(found.len(), 1, "{found:?}");
    let v = &found[0];
    assert_eq!(v.units, vec!["n-inv".to_owned()]);
    assert!(v.over);
    assert_eq!(
        v.message_zh,
        "各单位中层正副职人数不超过职数（刑事侦查部正职超出 1）"
    );
    assert_eq!(
        v.message_en,
        "mid-level cadres in each unit within its posts (刑事侦查部 heads: over by 1)"
    );
}

#[test]
fn a_per_station_rule_names_the_station_short() {
    // 河口派出所 covers two grids; without 杨勇 only the auxiliary 孙丽 is placed there.
    let found = violations(RuleKind::GridCoverage, |a| {
        a.remove("100006");
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message_zh,
        "一村（格）一警：每个警务区至少一名警力（河口派出所差 1）"
    );
    assert_eq!(
        found[0].message_en,
        "one officer or auxiliary per village or grid (河口派出所: short by 1)"
    );
}

#[test]
fn a_share_short_by_a_fraction_of_an_officer_counts_one_whole_officer() {
    // 9 officers, 4 at stations (周杰 unassigned still counts in his old station): 50% asks
    // for 4.5, so the plan is one whole officer short.
    let found = violations(RuleKind::StationShare { min: 0.5 }, |_| {});
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].shortfall, 1);
    assert!(
        found[0].message_zh.ends_with("不低于50%（差 1）"),
        "{found:?}"
    );
}

#[test]
fn a_plan_naming_unknown_people_or_units_is_picked_out_entry_by_entry() {
    let file = tiny();
    let mut assignment = file.draft.clone().expect("tiny has a draft").assignment;
    let (bureau, structure, _) = file.into_parts();
    assert!(unknown_entries(&bureau, &structure, &assignment).is_empty());

    assignment.insert("999999".into(), "n-inv".into());
    assignment.insert("100001".into(), "n-nowhere".into());
    assignment.insert("888888".into(), "o-office".into());
    let found = unknown_entries(&bureau, &structure, &assignment);
    let summary: Vec<(&str, &str, bool, bool)> = found
        .iter()
        .map(|e| {
            (
                e.police_number.as_str(),
                e.unit.as_str(),
                e.unknown_person,
                e.unknown_unit,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("100001", "n-nowhere", false, true),
            ("888888", "o-office", true, true),
            ("999999", "n-inv", true, false),
        ]
    );
    assert_eq!(
        found[0].to_string(),
        "assignment[\"100001\"] = \"n-nowhere\": unknown unit \"n-nowhere\" (expected the id of one of structure.units)"
    );
}
