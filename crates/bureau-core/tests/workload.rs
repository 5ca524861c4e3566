//! The workload model on hand-computed stations, the rule `station_workload` in the
//! optimiser on a bureau whose answer is known, and against brute force on tiny bureaus.
//! Every optimiser result is re-checked by the independent checker.

use bureau_core::checker::check;
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{Rule, RuleKind};
use bureau_core::workload::{station_demands, WorkloadBand, WorkloadWeights};
use bureau_core::*;
use proptest::prelude::*;

fn unit(id: &str, kind: UnitKind, tier: Tier) -> Unit {
    Unit {
        id: id.into(),
        name: format!("{id}所"),
        kind,
        tier,
        parent: None,
        officer_establishment: 100,
        auxiliary_establishment: 0,
        head_posts: 1,
        deputy_posts: 1,
        operation: Operation::Physical,
        grids: 0,
        functions: String::new(),
    }
}

fn officer(i: usize, current: &str) -> Person {
    Person {
        police_number: format!("{i:04}"),
        name: format!("民警{i}"),
        category: Category::Officer,
        gender: Gender::Male,
        birth: YearMonth {
            year: 1985,
            month: 1,
        },
        rank: String::new(),
        post: Post::None,
        current_unit: current.into(),
        specialities: Vec::new(),
        qualifications: vec![Qualification::ProfessionalGrade],
        community_police: false,
        wishes: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn figures(
    unit: &str,
    residents: u32,
    calls: u32,
    criminal: u32,
    public_order: u32,
    area: f64,
    villages: u32,
    travel: Option<f64>,
) -> StationFigures {
    StationFigures {
        unit: unit.into(),
        resident_population: residents,
        registered_population: None,
        area_km2: area,
        villages,
        calls,
        criminal_cases: criminal,
        public_order_cases: public_order,
        travel_factor: travel,
    }
}

/// An office `o-x` → `n-x` and two stations `o-a` → `n-a`, `o-b` → `n-b`, with `office`
/// officers in the office and `at_a`, `at_b` at the stations.
fn bureau(
    office: usize,
    at_a: usize,
    at_b: usize,
    figs: Vec<StationFigures>,
) -> (Bureau, Structure) {
    let old_units = vec![
        unit("o-x", UnitKind::Department, Tier::Office),
        unit("o-a", UnitKind::PoliceStation, Tier::Grassroots),
        unit("o-b", UnitKind::PoliceStation, Tier::Grassroots),
    ];
    let mut people = Vec::new();
    for (n, at) in [(office, "o-x"), (at_a, "o-a"), (at_b, "o-b")] {
        for _ in 0..n {
            people.push(officer(people.len(), at));
        }
    }
    let structure = Structure {
        name: "s".into(),
        units: vec![
            unit("n-x", UnitKind::Department, Tier::Office),
            unit("n-a", UnitKind::PoliceStation, Tier::Grassroots),
            unit("n-b", UnitKind::PoliceStation, Tier::Grassroots),
        ],
        merge_map: ["x", "a", "b"]
            .iter()
            .map(|k| MergeEdge {
                from: format!("o-{k}"),
                to: vec![format!("n-{k}")],
            })
            .collect(),
    };
    let bureau = Bureau {
        info: BureauInfo {
            name: "测算县公安局".into(),
            kind: BureauKind::County,
            as_of: YearMonth {
                year: 2026,
                month: 12,
            },
            background: String::new(),
        },
        old_units,
        people,
        station_figures: figs,
        squad_figures: Vec::new(),
    };
    (bureau, structure)
}

/// A: 300 residents, 100 calls, 10 + 20 cases, 10 km², 2 villages; B: 100, 300, 30 + 20,
/// 30 km², 6. Shares by hand with the default weights (.25 .30 .15 .10 .10 .10):
/// A = .25·¾ + .30·¼ + .15·¼ + .10·½ + .10·¼ + .10·¼ = 0.4, B = 0.6.
fn two_stations() -> Vec<StationFigures> {
    vec![
        figures("o-a", 300, 100, 10, 20, 10.0, 2, None),
        figures("o-b", 100, 300, 30, 20, 30.0, 6, None),
    ]
}

fn demands(b: &Bureau, s: &Structure, w: &WorkloadWeights, floor: u32, total: u32) -> Vec<u32> {
    station_demands(b, s, w, floor, total)
        .iter()
        .map(|d| d.demand)
        .collect()
}

#[test]
fn shares_and_demands_match_the_hand_computation() {
    let (b, s) = bureau(0, 0, 0, two_stations());
    let w = WorkloadWeights::default();
    let d = station_demands(&b, &s, &w, 0, 10);
    assert!((d[0].share - 0.4).abs() < 1e-12, "{}", d[0].share);
    assert!((d[1].share - 0.6).abs() < 1e-12, "{}", d[1].share);
    assert!((d[0].contributions.population - 0.1875).abs() < 1e-12);
    assert!((d[1].contributions.calls - 0.225).abs() < 1e-12);
    assert_eq!([d[0].demand, d[1].demand], [4, 6]);
    // 7 × (0.4, 0.6) = 2.8, 4.2 → 2, 4 and the last officer to the larger remainder (A).
    assert_eq!(demands(&b, &s, &w, 0, 7), vec![3, 4]);
    // 5 with a floor of 3 each cannot hold both floors: shared in proportion (2, 3).
    assert_eq!(demands(&b, &s, &w, 3, 5), vec![2, 3]);
    // Calls only: 100 : 300.
    let calls = WorkloadWeights {
        population: 0.0,
        calls: 1.0,
        criminal_cases: 0.0,
        public_order_cases: 0.0,
        area: 0.0,
        villages: 0.0,
    };
    assert_eq!(demands(&b, &s, &calls, 0, 8), vec![2, 6]);
    // A floor of 3 lifts A from 2 to 3 and B keeps the rest.
    assert_eq!(demands(&b, &s, &calls, 3, 8), vec![3, 5]);
}

#[test]
fn the_travel_factor_weighs_the_area_and_a_missing_factor_drops_out() {
    // Area only: 10 km² × 3 against 30 km² × 1 → equal.
    let area = WorkloadWeights {
        population: 0.0,
        calls: 0.0,
        criminal_cases: 0.0,
        public_order_cases: 0.0,
        area: 1.0,
        villages: 0.0,
    };
    let mut figs = two_stations();
    figs[0].travel_factor = Some(3.0);
    let (b, s) = bureau(0, 0, 0, figs);
    assert_eq!(demands(&b, &s, &area, 0, 6), vec![3, 3]);
    // No calls anywhere: the calls weight drops out and the rest is renormalised.
    let mut figs = two_stations();
    for f in &mut figs {
        f.calls = 0;
    }
    let (b, s) = bureau(0, 0, 0, figs);
    let d = station_demands(&b, &s, &WorkloadWeights::default(), 0, 10);
    let sum: f64 = d.iter().map(|d| d.share).sum();
    assert!((sum - 1.0).abs() < 1e-12);
    // A without calls: (.25·¾ + .15·¼ + .10·½ + .10·¼ + .10·¼) / 0.7.
    assert!((d[0].share - 0.325 / 0.7).abs() < 1e-12, "{}", d[0].share);
}

fn workload_rule(hard: bool, weight: f64, floor: u32, band: Option<WorkloadBand>) -> Rule {
    Rule {
        id: "station_workload".into(),
        kind: RuleKind::StationWorkload {
            weights: WorkloadWeights::default(),
            min_officers: floor,
            band,
        },
        hard,
        weight,
    }
}

fn share_rule(min: f64) -> Rule {
    Rule {
        id: "station_share".into(),
        kind: RuleKind::StationShare { min },
        hard: true,
        weight: 1.0,
    }
}

fn run(b: &Bureau, s: &Structure, rules: &[Rule]) -> SolveOutcome {
    let out = solve(&SolveRequest {
        bureau: b,
        structure: s,
        rules,
        draft: &Draft::default(),
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("solver runs");
    assert_eq!(out.status, SolveStatus::Optimal);
    // The independent checker agrees: no hard rule broken.
    let v = check(b, s, rules, &out.assignment, &out.plan(&Draft::default()));
    assert!(v.iter().all(|v| !v.hard), "{v:?}");
    assert_eq!(v, out.violations);
    out
}

fn officers_at(out: &SolveOutcome, unit: &str) -> usize {
    out.assignment.values().filter(|u| *u == unit).count()
}

#[test]
fn the_soft_rule_sends_officers_down_in_proportion_to_demand() {
    // 20 office officers, empty stations, half must go down: 10 at (0.4, 0.6) → 4 and 6.
    let (b, s) = bureau(20, 0, 0, two_stations());
    let rules = [share_rule(0.5), workload_rule(false, 0.2, 0, None)];
    let out = run(&b, &s, &rules);
    assert_eq!((officers_at(&out, "n-a"), officers_at(&out, "n-b")), (4, 6));
    assert_eq!(out.moves.len(), 10);
    assert!(out.violations.is_empty(), "{:?}", out.violations);
}

#[test]
fn the_soft_rule_steers_newcomers_and_leaves_todays_station_officers() {
    // Today A has 5 and B 1 of 20 officers; 10 must be at stations: demand 4 and 6. A's
    // extra officer stays (moving him would cost a move for 0.8 of penalty), and the 4
    // newcomers all go to B: 5 and 5, one officer off each way.
    let (b, s) = bureau(14, 5, 1, two_stations());
    let rules = [share_rule(0.5), workload_rule(false, 0.2, 0, None)];
    let out = run(&b, &s, &rules);
    assert_eq!((officers_at(&out, "n-a"), officers_at(&out, "n-b")), (5, 5));
    assert_eq!(out.moves.len(), 4);
    let v = &out.violations[0];
    assert_eq!(
        (v.rule_id.as_str(), v.shortfall, v.hard),
        ("station_workload", 2, false)
    );
    // Heavier, the rule also moves A's extra officer to B.
    let rules = [share_rule(0.5), workload_rule(false, 1.0, 0, None)];
    let out = run(&b, &s, &rules);
    assert_eq!((officers_at(&out, "n-a"), officers_at(&out, "n-b")), (4, 6));
    assert!(out.violations.is_empty());
}

#[test]
fn a_hard_band_holds_and_an_impossible_one_is_diagnosed() {
    let (b, s) = bureau(14, 5, 1, two_stations());
    let rules = [
        share_rule(0.5),
        workload_rule(true, 1.0, 0, Some(WorkloadBand::Officers { k: 0 })),
    ];
    let out = run(&b, &s, &rules);
    assert_eq!((officers_at(&out, "n-a"), officers_at(&out, "n-b")), (4, 6));
    let banded = [
        share_rule(0.5),
        workload_rule(true, 1.0, 0, Some(WorkloadBand::Officers { k: 1 })),
    ];
    let out = run(&b, &s, &banded);
    assert_eq!((officers_at(&out, "n-a"), officers_at(&out, "n-b")), (5, 5));
    // Station officers pinned at A beyond the band: no plan, and the rule is named.
    let mut draft = Draft::default();
    for p in b.people.iter().filter(|p| p.current_unit == "o-a") {
        draft
            .assignment
            .insert(p.police_number.clone(), "n-a".into());
        draft.pins.push(p.police_number.clone());
    }
    let strict = [
        share_rule(0.3),
        workload_rule(true, 1.0, 0, Some(WorkloadBand::Officers { k: 0 })),
    ];
    let out = solve(&SolveRequest {
        bureau: &b,
        structure: &s,
        rules: &strict,
        draft: &draft,
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("solver runs");
    assert_eq!(out.status, SolveStatus::Infeasible);
    assert!(
        out.diagnosis
            .iter()
            .any(|d| d.rule_id == "station_workload"),
        "{:?}",
        out.diagnosis
    );
}

#[test]
fn without_figures_the_rule_holds_trivially() {
    let (b, s) = bureau(20, 0, 0, Vec::new());
    let rules = [share_rule(0.5), workload_rule(true, 1.0, 0, None)];
    let out = run(&b, &s, &rules);
    assert_eq!(officers_at(&out, "n-a") + officers_at(&out, "n-b"), 10);
}

/// A tiny bureau: 2–6 officers in an office and two stations, random figures and floors.
fn tiny(seed: u64) -> (Bureau, Structure, Vec<Rule>) {
    let mut x = seed;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    let office = 1 + next(4) as usize;
    let at_a = next(3) as usize;
    let at_b = next(2) as usize;
    let mut figs = Vec::new();
    for k in ["o-a", "o-b"] {
        figs.push(figures(
            k,
            next(1000) as u32,
            next(500) as u32,
            next(50) as u32,
            next(50) as u32,
            1.0 + next(100) as f64,
            next(10) as u32,
            [None, Some(1.5)][next(2) as usize],
        ));
    }
    let (b, s) = bureau(office, at_a, at_b, figs);
    let rules = vec![
        share_rule([0.0, 0.3, 0.5, 0.8][next(4) as usize]),
        // Heavy enough that a single officer of deviation outweighs every move.
        workload_rule(false, 10.0, next(3) as u32, None),
    ];
    (b, s, rules)
}

fn deviation(b: &Bureau, s: &Structure, rules: &[Rule], a: &Assignment) -> u32 {
    check(b, s, rules, a, &Draft::default())
        .iter()
        .filter(|v| v.rule_id == "station_workload")
        .map(|v| v.shortfall)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn the_plans_deviation_is_minimal_against_brute_force(seed in any::<u64>()) {
        let (b, s, rules) = tiny(seed);
        let out = run(&b, &s, &rules);
        let station_total = |a: &Assignment| {
            a.values().filter(|u| *u == "n-a" || *u == "n-b").count()
        };
        let total = station_total(&out.assignment);
        // Every assignment the model allows (office officers anywhere, station officers at
        // either station) that meets the hard rules with the same station total.
        let choices: Vec<Vec<&str>> = b
            .people
            .iter()
            .map(|p| if p.current_unit == "o-x" { vec!["n-x", "n-a", "n-b"] } else { vec!["n-a", "n-b"] })
            .collect();
        let mut index = vec![0usize; choices.len()];
        let mut best = u32::MAX;
        'all: loop {
            let a: Assignment = b
                .people
                .iter()
                .zip(&index)
                .zip(&choices)
                .map(|((p, &i), c)| (p.police_number.clone(), c[i].to_owned()))
                .collect();
            let hard_ok = check(&b, &s, &rules, &a, &Draft::default()).iter().all(|v| !v.hard);
            if hard_ok && station_total(&a) == total {
                best = best.min(deviation(&b, &s, &rules, &a));
            }
            for k in 0..index.len() {
                index[k] += 1;
                if index[k] < choices[k].len() {
                    continue 'all;
                }
                index[k] = 0;
            }
            break;
        }
        prop_assert_eq!(deviation(&b, &s, &rules, &out.assignment), best);
    }
}
