//! Structure templates applied to the county sample: valid bureau files, every old unit mapped,
//! establishment kept, posts not cut, nobody moved by the starting draft, and the optimiser can plan
//! from each.

use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, BureauFile, Tier};

#[test]
fn every_template_gives_a_valid_structure_that_keeps_totals() {
    let file = BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("valid");
    let (bureau, _, _) = file.into_parts();
    for template in Template::ALL {
        let (structure, draft) = apply(template, &bureau);
        let checked = BureauFile::new(bureau.clone(), structure.clone(), Some(draft.clone()));
        checked
            .validate()
            .unwrap_or_else(|e| panic!("{template:?}: {e}"));
        assert_eq!(
            structure.merge_map.len(),
            bureau.old_units.len(),
            "{template:?}"
        );
        let sum = |units: &[bureau_core::Unit], f: fn(&bureau_core::Unit) -> u32| {
            units.iter().map(f).sum::<u32>()
        };
        for f in [
            (|u: &bureau_core::Unit| u.officer_establishment) as fn(&bureau_core::Unit) -> u32,
            |u| u.auxiliary_establishment,
        ] {
            assert_eq!(
                sum(&bureau.old_units, f),
                sum(&structure.units, f),
                "{template:?}"
            );
        }
        // Posts are never cut (a head for every new sub-unit can add some).
        let posts = |u: &bureau_core::Unit| u.head_posts + u.deputy_posts;
        assert!(sum(&structure.units, posts) >= sum(&bureau.old_units, posts));
        let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
        assert_eq!(m.moved, 0, "{template:?}");
        assert_eq!(m.unassigned_officers + m.unassigned_auxiliaries, 0);
        assert_eq!(m.after.office_officers, m.before.office_officers);
        let office = structure
            .units
            .iter()
            .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
            .count();
        match template {
            // 1 centre + 5 departments + the traffic brigade.
            Template::OnePlusFive => assert_eq!(office, 7),
            // 1 supervision centre + 3 + 4 + 1 directly attached (traffic brigade).
            Template::OnePlusThreePlusFour => assert_eq!(office, 9),
            Template::Blank => assert_eq!(
                office,
                bureau
                    .old_units
                    .iter()
                    .filter(|u| u.tier == Tier::Office)
                    .count()
            ),
        }
        let rules = default_rules(&bureau, &structure);
        let out = solve(&SolveRequest {
            bureau: &bureau,
            structure: &structure,
            rules: &rules,
            draft: &draft,
            mode: Mode::Plan,
            settings: &SolveSettings::default(),
        })
        .expect("solves");
        assert_eq!(
            out.status,
            SolveStatus::Optimal,
            "{template:?}: {:?}",
            out.diagnosis
        );
        assert!(out.violations.iter().all(|v| !v.hard), "{template:?}");
    }
}

#[test]
fn units_merge_by_function() {
    let file = BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("valid");
    let (bureau, _, _) = file.into_parts();
    let (structure, _) = apply(Template::OnePlusFive, &bureau);
    let to = |old_name: &str| {
        let old = bureau
            .old_units
            .iter()
            .find(|u| u.name == old_name)
            .expect("old unit");
        let id = structure.destinations(&old.id)[0].clone();
        structure.unit(&id).expect("new unit").name.clone()
    };
    assert_eq!(to("刑侦大队"), "刑事侦查部");
    assert_eq!(to("法制大队"), "执法管理部");
    assert_eq!(to("看守所"), "执法管理部");
    assert_eq!(to("政治处"), "服务保障部");
    assert_eq!(to("巡特警大队"), "安全防控部");
    assert_eq!(to("情报指挥中心"), "合成作战中心");
    assert_eq!(to("城关派出所"), "城关派出所");
    let (structure, _) = apply(Template::OnePlusThreePlusFour, &bureau);
    let names: Vec<&str> = structure
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
        .map(|u| u.name.as_str())
        .collect();
    assert!(
        names.contains(&"督察审计中心") && names.contains(&"巡特警部"),
        "{names:?}"
    );
}
