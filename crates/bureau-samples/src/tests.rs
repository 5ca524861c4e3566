//! The samples are valid, exact where DOMAIN.md gives figures, deterministic, and committed.

use std::collections::HashSet;
use std::path::Path;

use bureau_core::{compute_metrics, BureauFile, Category, Tier, UnitKind};

use crate::{by_name, city, county, large};

fn round_trips(file: &BureauFile) {
    file.validate().expect("valid");
    let text = file.to_json_pretty();
    assert_eq!(&BureauFile::parse(&text).expect("parses"), file);
}

#[test]
fn county_matches_the_worked_example() {
    let f = county();
    round_trips(&f);
    let officers = f
        .people
        .iter()
        .filter(|p| p.category == Category::Officer)
        .count();
    let auxiliaries = f.people.len() - officers;
    assert_eq!((officers, auxiliaries), (331, 469));
    let est: u32 = f.old_units.iter().map(|u| u.officer_establishment).sum();
    let aux_est: u32 = f.old_units.iter().map(|u| u.auxiliary_establishment).sum();
    assert_eq!((est, aux_est), (353, 529));
    let count = |k: UnitKind| f.old_units.iter().filter(|u| u.kind == k).count();
    assert_eq!(
        f.old_units
            .iter()
            .filter(|u| u.tier == Tier::Office)
            .count(),
        24
    );
    assert_eq!(count(UnitKind::PoliceStation), 9);
    assert_eq!(count(UnitKind::TrafficSquad), 4);
    assert_eq!(f.old_units.iter().map(|u| u.grids).sum::<u32>(), 255);
    let numbers: HashSet<_> = f.people.iter().map(|p| &p.police_number).collect();
    assert_eq!(numbers.len(), f.people.len());
    assert_eq!(f.structure.merge_map.len(), f.old_units.len());

    let draft = f.draft.clone().expect("draft");
    assert_eq!(draft.assignment.len(), f.people.len(), "everyone placed");
    let (bureau, structure, _) = f.into_parts();
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    assert!(
        m.station_share < 0.40,
        "the reform must be needed: {}",
        m.station_share
    );
    assert!(m.station_share > 0.28, "{}", m.station_share);
    assert_eq!(m.moved, 0);
    assert!(
        m.after.head_posts + m.after.deputy_posts >= m.before.head_posts + m.before.deputy_posts,
        "posts are not cut"
    );
}

#[test]
fn city_is_a_city_district_of_the_right_size() {
    let f = city();
    round_trips(&f);
    let officers = f
        .people
        .iter()
        .filter(|p| p.category == Category::Officer)
        .count();
    let auxiliaries = f.people.len() - officers;
    assert!((2_400..=2_600).contains(&officers), "{officers}");
    assert!((3_400..=3_600).contains(&auxiliaries), "{auxiliaries}");
    assert!(
        (50..=70).contains(&f.old_units.len()),
        "{}",
        f.old_units.len()
    );
    let draft = f.draft.clone().expect("draft");
    let (bureau, structure, _) = f.into_parts();
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    assert!(m.station_share < 0.50);
    assert_eq!(m.moved, 0);
}

#[test]
fn large_scales_and_stays_valid() {
    let f = large(10_000, 15_000, 7);
    f.validate().expect("valid");
    let officers = f
        .people
        .iter()
        .filter(|p| p.category == Category::Officer)
        .count();
    assert!((9_800..=10_200).contains(&officers), "{officers}");
    assert!(f.people.len() > 24_000);
}

#[test]
fn generators_are_deterministic() {
    assert_eq!(county(), county());
    assert_eq!(large(500, 700, 3), large(500, 700, 3));
    assert_ne!(large(500, 700, 3), large(500, 700, 4));
    assert!(by_name("county").is_some() && by_name("city").is_some() && by_name("x").is_none());
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

#[test]
fn committed_fixtures_are_the_generator_output() {
    for name in ["county", "city", "county-infeasible"] {
        let committed = std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("read");
        let generated = by_name(name).expect("known").to_json_pretty();
        assert!(
            committed == generated,
            "fixtures/{name}.json is stale: run `cargo test -p bureau-samples -- --ignored write_fixtures`"
        );
    }
}

#[test]
#[ignore = "writes fixtures/; run on purpose"]
fn write_fixtures() {
    for name in ["county", "city", "county-infeasible"] {
        let file = by_name(name).expect("known");
        std::fs::write(fixture(&format!("{name}.json")), file.to_json_pretty()).expect("write");
    }
}
