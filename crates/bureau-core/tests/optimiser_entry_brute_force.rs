//! Entry requirements (准入要求) and the planner's exclusions (不宜调往) against exhaustive
//! enumeration on random bureaus small enough to enumerate (≤ 5 people × 5 units): a traffic
//! squad or a room that asks a speciality or a qualification of everyone entering or of a
//! share of them, hard or soft, and exclusions from a unit or the whole grassroots. If the
//! solver finds a plan, the independent checker accepts it and its objective equals the brute
//! force minimum; if it says infeasible, no assignment passes the checker.

use bureau_core::checker::check;
use bureau_core::metrics::is_move;

use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{Requirement, Rule, RuleKind};
use bureau_core::*;
use proptest::prelude::*;

/// splitmix64, so an instance is a pure function of its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn unit(id: &str, kind: UnitKind, tier: Tier, establishment: u32) -> Unit {
    Unit {
        id: id.into(),
        name: id.into(),
        kind,
        tier,
        parent: None,
        officer_establishment: establishment,
        auxiliary_establishment: 2,
        head_posts: 1,
        deputy_posts: 1,
        operation: Operation::Physical,
        grids: 0,
        functions: String::new(),
    }
}

struct Instance {
    bureau: Bureau,
    structure: Structure,
    rules: Vec<Rule>,
    draft: Draft,
}

fn instance(seed: u64) -> Instance {
    let mut r = Rng(seed);
    let old_units = vec![
        unit("o-a", UnitKind::Department, Tier::Office, 3),
        unit("o-b", UnitKind::Department, Tier::Office, 3),
        unit("o-s", UnitKind::PoliceStation, Tier::Grassroots, 3),
    ];
    let mut room = unit("n-a1", UnitKind::SubUnit, Tier::Office, 3);
    room.parent = Some("n-a".into());
    let units = vec![
        unit("n-a", UnitKind::Department, Tier::Office, 4),
        room,
        unit("n-b", UnitKind::Department, Tier::Office, 4),
        unit("n-s", UnitKind::PoliceStation, Tier::Grassroots, 6),
        unit("n-t", UnitKind::TrafficSquad, Tier::Grassroots, 4),
    ];
    let structure = Structure {
        name: "random".into(),
        units,
        merge_map: vec![
            MergeEdge {
                from: "o-a".into(),
                to: vec!["n-a".into()],
            },
            MergeEdge {
                from: "o-b".into(),
                to: vec!["n-b".into()],
            },
            MergeEdge {
                from: "o-s".into(),
                to: vec!["n-s".into()],
            },
        ],
    };
    let n = 3 + r.below(3) as usize;
    let people: Vec<Person> = (0..n)
        .map(|i| Person {
            police_number: format!("{i:03}"),
            name: format!("P{i}"),
            category: if r.chance(85) {
                Category::Officer
            } else {
                Category::Auxiliary
            },
            gender: Gender::Male,
            birth: YearMonth {
                year: 1985,
                month: 1,
            },
            rank: String::new(),
            post: Post::None,
            current_unit: ["o-a", "o-b", "o-s"][r.below(3) as usize].into(),
            specialities: if r.chance(40) {
                vec!["交通".into()]
            } else {
                Vec::new()
            },
            qualifications: if r.chance(40) {
                vec![Qualification::Legal]
            } else {
                Vec::new()
            },
            community_police: false,
            wishes: if r.chance(25) {
                vec![["n-a", "n-a1", "n-b", "n-s", "n-t"][r.below(5) as usize].into()]
            } else {
                Vec::new()
            },
        })
        .collect();
    let bureau = Bureau {
        info: BureauInfo {
            name: "随机".into(),
            kind: BureauKind::County,
            as_of: YearMonth {
                year: 2026,
                month: 12,
            },
            background: String::new(),
        },
        old_units,
        people,
        station_figures: Vec::new(),
        squad_figures: Vec::new(),
    };
    let rule = |id: &str, kind: RuleKind, r: &mut Rng| Rule {
        id: id.into(),
        kind,
        hard: r.chance(60),
        weight: [0.5, 1.0, 2.0][r.below(3) as usize],
    };
    let mut rules = vec![Rule {
        id: "station_share".into(),
        kind: RuleKind::StationShare {
            min: [0.0, 0.3, 0.5][r.below(3) as usize],
        },
        hard: true,
        weight: 1.0,
    }];
    // Someone must enter the squad and the room, or the entry rules would never bite.
    for (u, min) in [("n-t", 1 + r.below(2) as u32), ("n-a1", r.below(3) as u32)] {
        rules.push(Rule {
            id: format!("staffed:{u}"),
            kind: RuleKind::UnitHeadcount {
                unit: u.into(),
                category: Category::Officer,
                min: Some(min),
                max: None,
            },
            hard: true,
            weight: 1.0,
        });
    }
    if r.chance(80) {
        let kind = RuleKind::EntryRequirement {
            unit: "n-t".into(),
            requires: Requirement::Speciality("交通".into()),
            share: 1.0,
        };
        rules.push(rule("entry:n-t", kind, &mut r));
    }
    if r.chance(80) {
        // On the department: its room is within it.
        let kind = RuleKind::EntryRequirement {
            unit: "n-a".into(),
            requires: Requirement::Qualification(Qualification::Legal),
            share: [0.5, 0.6, 1.0][r.below(3) as usize],
        };
        rules.push(rule("entry:n-a", kind, &mut r));
    }
    let mut draft = Draft::default();
    for p in &bureau.people {
        if r.chance(25) {
            draft.exclusions.push(Exclusion {
                police_number: p.police_number.clone(),
                unit: match r.below(3) {
                    0 => None,
                    1 => Some("n-a".into()),
                    _ => Some("n-t".into()),
                },
            });
        }
    }
    Instance {
        bureau,
        structure,
        rules,
        draft,
    }
}

/// The objective, restated from the weights' documentation rather than the model's code.
fn cost(inst: &Instance, p: &Person, unit: &str, s: &SolveSettings) -> f64 {
    let w = &s.weights;
    let mut c = s.churn_weight; // the draft assigns no one: every placement differs from it
    if is_move(&inst.structure, &p.current_unit, unit) {
        let mut m = w.person_move;
        if inst.structure.unit(unit).map(|u| u.tier) != Some(Tier::Grassroots) {
            m += w.transfer;
        }
        if p.wishes
            .iter()
            .any(|x| inst.structure.top_level(x) == inst.structure.top_level(unit))
        {
            m *= w.wish;
        }
        c += m;
    }
    c
}

/// Soft rules cost their weight times the penalty scale per whole officer the checker counts.
fn penalties(inst: &Instance, violations: &[checker::Violation], s: &SolveSettings) -> f64 {
    violations
        .iter()
        .filter(|v| !v.hard)
        .map(|v| {
            let rule = inst.rules.iter().find(|r| r.id == v.rule_id).expect("rule");
            rule.weight * s.penalty_scale * f64::from(v.shortfall)
        })
        .sum()
}

fn brute_force(inst: &Instance, s: &SolveSettings) -> Option<f64> {
    let units: Vec<String> = inst.structure.units.iter().map(|u| u.id.clone()).collect();
    let mut index = vec![0usize; inst.bureau.people.len()];
    let mut best: Option<f64> = None;
    loop {
        let assignment: Assignment = inst
            .bureau
            .people
            .iter()
            .zip(&index)
            .map(|(p, &i)| (p.police_number.clone(), units[i].clone()))
            .collect();
        let violations = check(
            &inst.bureau,
            &inst.structure,
            &inst.rules,
            &assignment,
            &inst.draft,
        );
        if violations.iter().all(|v| !v.hard) {
            let total: f64 = inst
                .bureau
                .people
                .iter()
                .map(|p| cost(inst, p, &assignment[&p.police_number], s))
                .sum::<f64>()
                + penalties(inst, &violations, s);
            best = Some(best.map_or(total, |b: f64| b.min(total)));
        }
        let mut k = 0;
        loop {
            if k == index.len() {
                return best;
            }
            index[k] += 1;
            if index[k] < units.len() {
                break;
            }
            index[k] = 0;
            k += 1;
        }
    }
}

fn run(inst: &Instance, aggregate: bool) -> optimiser::SolveOutcome {
    solve(&SolveRequest {
        bureau: &inst.bureau,
        structure: &inst.structure,
        rules: &inst.rules,
        draft: &inst.draft,
        mode: Mode::Plan,
        settings: &SolveSettings {
            aggregate,
            ..SolveSettings::default()
        },
    })
    .expect("solver runs")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn entry_rules_and_exclusions_agree_with_brute_force(seed in any::<u64>()) {
        let inst = instance(seed);
        let settings = SolveSettings::default();
        let out = run(&inst, true);
        let single = run(&inst, false);
        prop_assert_eq!(single.status, out.status);
        if let (Some(a), Some(b)) = (single.objective, out.objective) {
            prop_assert!((a - b).abs() < 1e-6, "per person {} vs aggregated {}", a, b);
        }
        match (out.status, brute_force(&inst, &settings)) {
            (SolveStatus::Optimal, Some(best)) => {
                let hard: Vec<_> = out.violations.iter().filter(|v| v.hard).collect();
                prop_assert!(hard.is_empty(), "checker: {:?}", hard);
                let objective = out.objective.unwrap_or(f64::NAN);
                prop_assert!((objective - best).abs() < 1e-6, "solver {} vs brute force {}", objective, best);
            }
            (SolveStatus::Infeasible, None) => {}
            (status, best) => prop_assert!(false, "solver {:?} vs brute force {:?}", status, best),
        }
    }
}

/// The random instances bite: in many of them an entry rule or an exclusion changes the
/// brute-force optimum, and both verdicts occur.
#[test]
fn random_instances_are_shaped_by_the_new_constraints() {
    let settings = SolveSettings::default();
    let mut changed = 0;
    let mut infeasible = 0;
    for seed in 0..60 {
        let inst = instance(seed);
        let best = brute_force(&inst, &settings);
        let bare = Instance {
            rules: inst
                .rules
                .iter()
                .filter(|r| !matches!(r.kind, RuleKind::EntryRequirement { .. }))
                .cloned()
                .collect(),
            draft: Draft::default(),
            bureau: inst.bureau.clone(),
            structure: inst.structure.clone(),
        };
        let without = brute_force(&bare, &settings);
        infeasible += usize::from(best.is_none());
        if best != without {
            changed += 1;
        }
    }
    assert!(changed >= 10, "only {changed} of 60 changed");
    assert!(
        (1..60).contains(&infeasible),
        "{infeasible} of 60 infeasible"
    );
}
