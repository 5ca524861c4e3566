//! Templates are complete starting points: on the county and city samples and on a bureau that
//! is not a sample (测试县公安局), every template's structure passes the designer's check with
//! nothing to fix, every unit has establishment, departments hold their sub-units' sum, every
//! unit has a head post, departments carry default functions, and the structure is named after
//! the template.

use bureau_core::rules::default_rules;
use bureau_core::structure_check::check_structure;
use bureau_core::templates::{apply, Template};
use bureau_core::{Bureau, BureauFile, Tier};
use bureau_samples::test_county;

fn fixture(text: &str) -> Bureau {
    BureauFile::parse(text).expect("valid").into_parts().0
}

fn bureaus() -> Vec<(&'static str, Bureau)> {
    vec![
        (
            "county",
            fixture(include_str!("../../../fixtures/county.json")),
        ),
        ("city", fixture(include_str!("../../../fixtures/city.json"))),
        ("测试县公安局", test_county()),
    ]
}

#[test]
fn every_template_on_every_bureau_leaves_nothing_to_fix() {
    for (label, bureau) in bureaus() {
        for template in Template::ALL {
            let (structure, draft) = apply(template, &bureau);
            let at = format!("{label} / {template:?}");
            BureauFile::new(bureau.clone(), structure.clone(), Some(draft))
                .validate()
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            assert_eq!(structure.name, template.name(), "{at}");
            let rules = default_rules(&bureau, &structure);
            let check = check_structure(&bureau, &structure, &rules);
            assert!(check.findings.is_empty(), "{at}: {:?}", check.findings);
            assert!(
                check.totals.posts.after >= check.totals.posts.before,
                "{at}"
            );
            for u in &structure.units {
                let children: Vec<_> = structure
                    .units
                    .iter()
                    .filter(|c| c.parent.as_deref() == Some(u.id.as_str()))
                    .collect();
                if !children.is_empty() {
                    // A department's establishment is its sub-units' sum: none of its own.
                    assert_eq!(
                        (u.officer_establishment, u.auxiliary_establishment),
                        (0, 0),
                        "{at}: {}",
                        u.name
                    );
                } else {
                    assert!(
                        u.officer_establishment + u.auxiliary_establishment > 0,
                        "{at}: {} is a 0/0 shell",
                        u.name
                    );
                }
                assert!(u.head_posts >= 1, "{at}: {} has no head post", u.name);
                if u.parent.is_none() && u.tier == Tier::Office && template != Template::Blank {
                    assert!(!u.functions.is_empty(), "{at}: {} has no functions", u.name);
                }
            }
        }
    }
}

#[test]
fn the_test_bureau_is_its_own_size_and_shares_no_name_with_the_sample() {
    let bureau = test_county();
    let county = fixture(include_str!("../../../fixtures/county.json"));
    assert_eq!(bureau.old_units.len(), 18);
    let count = |k: bureau_core::UnitKind| bureau.old_units.iter().filter(|u| u.kind == k).count();
    assert_eq!(count(bureau_core::UnitKind::PoliceStation), 6);
    assert_eq!(count(bureau_core::UnitKind::TrafficSquad), 2);
    let officers = bureau.people.iter().filter(|p| p.is_officer()).count();
    assert!((230..=270).contains(&officers), "{officers}");
    let ours: Vec<&str> = bureau
        .people
        .iter()
        .map(|p| p.name.as_str())
        .chain(bureau.old_units.iter().map(|u| u.name.as_str()))
        .collect();
    for theirs in county.people.iter().map(|p| p.name.as_str()).chain(
        county
            .old_units
            .iter()
            .filter(|u| u.tier == Tier::Grassroots)
            .map(|u| u.name.as_str()),
    ) {
        assert!(
            ours.iter().all(|o| !o.contains(theirs)),
            "the sample's {theirs:?} appears"
        );
    }
}
