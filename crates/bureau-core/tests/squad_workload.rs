//! The rule `squad_workload`: the optimiser follows the traffic squads' demand on a bureau
//! whose answer is known, its deviation is minimal against brute force on tiny bureaus, the
//! independent checker re-checks every plan, and a bureau file's squad figures are refused
//! field by field.

use bureau_core::checker::check;
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::{default_rules, Rule, RuleKind};
use bureau_core::squad_workload::{squad_demands, SquadWeights};
use bureau_core::workload::WorkloadBand;
use bureau_core::*;
use proptest::prelude::*;

fn unit(id: &str, kind: UnitKind, tier: Tier) -> Unit {
    Unit {
        id: id.into(),
        name: format!("{id}中队"),
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

/// P: a town squad, short roads and busy; Q: a mountain squad, long roads. With the default
/// weights (.30 .30 .25 .15) and totals road 400, accidents 100, calls 1000, vehicles
/// 50,000: P 0.30·100/400 + 0.30·20/100 + 0.25·200/1000 + 0.15·10,000/50,000 = 0.075 +
/// 0.06 + 0.05 + 0.03 = 0.215; Q 0.785.
fn squad_figures() -> Vec<SquadFigures> {
    vec![
        SquadFigures {
            unit: "o-p".into(),
            road_km: 100.0,
            accidents: 20,
            traffic_calls: 200,
            vehicles: 10_000,
        },
        SquadFigures {
            unit: "o-q".into(),
            road_km: 300.0,
            accidents: 80,
            traffic_calls: 800,
            vehicles: 40_000,
        },
    ]
}

/// An office `o-x` → `n-x` and two squads `o-p` → `n-p`, `o-q` → `n-q`, with `office`,
/// `at_p` and `at_q` officers.
fn bureau(office: usize, at_p: usize, at_q: usize, figs: Vec<SquadFigures>) -> (Bureau, Structure) {
    let old_units = vec![
        unit("o-x", UnitKind::Department, Tier::Office),
        unit("o-p", UnitKind::TrafficSquad, Tier::Grassroots),
        unit("o-q", UnitKind::TrafficSquad, Tier::Grassroots),
    ];
    let mut people = Vec::new();
    for (n, at) in [(office, "o-x"), (at_p, "o-p"), (at_q, "o-q")] {
        for _ in 0..n {
            people.push(officer(people.len(), at));
        }
    }
    let structure = Structure {
        name: "s".into(),
        units: vec![
            unit("n-x", UnitKind::Department, Tier::Office),
            unit("n-p", UnitKind::TrafficSquad, Tier::Grassroots),
            unit("n-q", UnitKind::TrafficSquad, Tier::Grassroots),
        ],
        merge_map: ["x", "p", "q"]
            .iter()
            .map(|k| MergeEdge {
                from: format!("o-{k}"),
                to: vec![format!("n-{k}")],
            })
            .collect(),
    };
    let bureau = Bureau {
        info: BureauInfo {
            name: "测试县公安局".into(),
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
        squad_figures: figs,
    };
    (bureau, structure)
}

fn squad_rule(hard: bool, weight: f64, floor: u32, band: Option<WorkloadBand>) -> Rule {
    Rule {
        id: "squad_workload".into(),
        kind: RuleKind::SquadWorkload {
            weights: SquadWeights::default(),
            min_officers: floor,
            band,
        },
        hard,
        weight,
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
    let v = check(b, s, rules, &out.assignment, &Draft::default());
    assert!(v.iter().all(|v| !v.hard), "{v:?}");
    assert_eq!(v, out.violations);
    out
}

fn officers_at(out: &SolveOutcome, unit: &str) -> usize {
    out.assignment.values().filter(|u| *u == unit).count()
}

#[test]
fn squad_demands_follow_the_hand_computation() {
    let (b, s) = bureau(0, 10, 10, squad_figures());
    let d = squad_demands(&b, &s, &SquadWeights::default(), 0, 20);
    assert!((d[0].share - 0.215).abs() < 1e-12, "{}", d[0].share);
    assert!((d[1].share - 0.785).abs() < 1e-12, "{}", d[1].share);
    // 20 × (0.215, 0.785) = 4.3, 15.7 → 4 and 16 (the larger remainder).
    assert_eq!((d[0].demand, d[1].demand), (4, 16));
    // A floor of 5 holds P at 5; Q gets the rest.
    let d = squad_demands(&b, &s, &SquadWeights::default(), 5, 20);
    assert_eq!((d[0].demand, d[1].demand), (5, 15));
}

#[test]
fn a_heavy_soft_rule_moves_officers_to_the_busier_squad() {
    // Today P has 12 and Q 8 of 20 squad officers; demand 4 and 16. Each officer off costs
    // 1.0 × 2 and a transfer evens out two of them for one move: 8 officers go from P to Q.
    let (b, s) = bureau(0, 12, 8, squad_figures());
    let out = run(&b, &s, &[squad_rule(false, 1.0, 0, None)]);
    assert_eq!(
        (officers_at(&out, "n-p"), officers_at(&out, "n-q")),
        (4, 16)
    );
    assert_eq!(out.moves.len(), 8);
    assert!(out.violations.is_empty(), "{:?}", out.violations);
    // Without the rule nothing moves, and the checker reports the deviation.
    let out = run(&b, &s, &[]);
    assert_eq!(out.moves.len(), 0);
    let v = check(
        &b,
        &s,
        &[squad_rule(false, 1.0, 0, None)],
        &out.assignment,
        &Draft::default(),
    );
    assert_eq!(
        (v[0].rule_id.as_str(), v[0].shortfall, v[0].hard),
        ("squad_workload", 16, false)
    );
}

#[test]
fn the_default_weight_leaves_todays_squads_and_a_hard_band_holds() {
    // At weight 0.2 a transfer (1 move) costs more than the 0.8 it saves: nothing moves.
    let (b, s) = bureau(0, 12, 8, squad_figures());
    let out = run(&b, &s, &[squad_rule(false, 0.2, 0, None)]);
    assert_eq!(out.moves.len(), 0);
    assert_eq!(out.violations[0].shortfall, 16);
    // Hard within ±2: P at most 6, Q at least 14; the fewest moves do exactly that.
    let banded = [squad_rule(
        true,
        1.0,
        0,
        Some(WorkloadBand::Officers { k: 2 }),
    )];
    let out = run(&b, &s, &banded);
    assert_eq!(
        (officers_at(&out, "n-p"), officers_at(&out, "n-q")),
        (6, 14)
    );
    assert_eq!(out.moves.len(), 6);
}

#[test]
fn without_squad_figures_the_rule_holds_and_is_not_a_default() {
    let (b, s) = bureau(0, 12, 8, Vec::new());
    let out = run(&b, &s, &[squad_rule(true, 1.0, 0, None)]);
    assert_eq!(out.moves.len(), 0);
    assert!(!default_rules(&b, &s)
        .iter()
        .any(|r| r.id == "squad_workload"));
    let (b, s) = bureau(0, 12, 8, squad_figures());
    assert!(default_rules(&b, &s)
        .iter()
        .any(|r| r.id == "squad_workload"));
}

#[test]
fn a_bureau_files_squad_figures_are_refused_field_by_field() {
    let (b, s) = bureau(0, 12, 8, squad_figures());
    let good = BureauFile::new(b.clone(), s.clone(), None);
    good.validate().expect("valid");
    let refuse = |edit: &dyn Fn(&mut Vec<SquadFigures>), path: &str| {
        let mut bad = b.clone();
        edit(&mut bad.squad_figures);
        let err = BureauFile::new(bad, s.clone(), None)
            .validate()
            .expect_err("refused");
        assert_eq!(err.path, path, "{err:?}");
    };
    refuse(&|f| f[1].road_km = -3.0, "squad_figures[1].road_km");
    refuse(&|f| f[0].road_km = f64::NAN, "squad_figures[0].road_km");
    refuse(&|f| f[0].accidents = u32::MAX, "squad_figures[0].accidents");
    refuse(&|f| f[1].unit = "o-x".into(), "squad_figures[1].unit");
    refuse(&|f| f[1].unit = "o-p".into(), "squad_figures[1].unit");
}

fn office_reduction(min: f64) -> Rule {
    Rule {
        id: "office_reduction".into(),
        kind: RuleKind::OfficeReduction { min },
        hard: true,
        weight: 1.0,
    }
}

#[test]
fn officers_sent_down_go_to_the_squads_in_proportion_to_demand() {
    // Ten office officers, half of them must go; the squads are empty today. Demand at the
    // squad total 5: 5 × (0.215, 0.785) = 1.075, 3.925 → 1 and 4.
    let (b, s) = bureau(10, 0, 0, squad_figures());
    let rules = [office_reduction(0.5), squad_rule(false, 0.2, 0, None)];
    let out = run(&b, &s, &rules);
    assert_eq!((officers_at(&out, "n-p"), officers_at(&out, "n-q")), (1, 4));
    assert!(out.violations.is_empty(), "{:?}", out.violations);
    // The hand-computed demand agrees with the model's at the plan's total.
    let d = squad_demands(&b, &s, &SquadWeights::default(), 0, 5);
    assert_eq!((d[0].demand, d[1].demand), (1, 4));
}

/// A tiny bureau: 1–4 office officers and two squads with 0–2 and 0–1, random figures, a
/// random office reduction and floor.
fn tiny(seed: u64) -> (Bureau, Structure, Vec<Rule>) {
    let mut x = seed;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    let office = 1 + next(4) as usize;
    let at_p = next(3) as usize;
    let at_q = next(2) as usize;
    let figs = ["o-p", "o-q"]
        .iter()
        .map(|k| SquadFigures {
            unit: (*k).into(),
            road_km: 1.0 + next(300) as f64,
            accidents: next(100) as u32,
            traffic_calls: next(1000) as u32,
            vehicles: next(50_000) as u32,
        })
        .collect();
    let (b, s) = bureau(office, at_p, at_q, figs);
    let rules = vec![
        office_reduction([0.0, 0.3, 0.5, 0.8][next(4) as usize]),
        // Heavy enough that a single officer of deviation outweighs every move.
        squad_rule(false, 10.0, next(3) as u32, None),
    ];
    (b, s, rules)
}

fn deviation(b: &Bureau, s: &Structure, rules: &[Rule], a: &Assignment) -> u32 {
    check(b, s, rules, a, &Draft::default())
        .iter()
        .filter(|v| v.rule_id == "squad_workload")
        .map(|v| v.shortfall)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn the_squads_deviation_is_minimal_against_brute_force(seed in any::<u64>()) {
        let (b, s, rules) = tiny(seed);
        let out = run(&b, &s, &rules);
        let squad_total = |a: &Assignment| {
            a.values().filter(|u| *u == "n-p" || *u == "n-q").count()
        };
        let total = squad_total(&out.assignment);
        // Every assignment the model allows (office officers anywhere, squad officers at
        // either squad) that meets the hard rules with the same squad total.
        let choices: Vec<Vec<&str>> = b
            .people
            .iter()
            .map(|p| if p.current_unit == "o-x" { vec!["n-x", "n-p", "n-q"] } else { vec!["n-p", "n-q"] })
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
            if hard_ok && squad_total(&a) == total {
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

#[test]
fn the_squad_table_counts_before_after_and_the_gap() {
    // Everyone stays: P 12, Q 8 against demands 4 and 16 at the squad total 20.
    let (b, s) = bureau(2, 12, 8, squad_figures());
    let stay: Assignment = b
        .people
        .iter()
        .map(|p| (p.police_number.clone(), p.current_unit.replace("o-", "n-")))
        .collect();
    let rules = [squad_rule(false, 0.2, 0, None)];
    let t = bureau_core::squad_workload::squad_table(&b, &s, &rules, &stay);
    assert!(t.has_figures);
    let rows: Vec<(u32, u32, u32, i64)> = t
        .rows
        .iter()
        .map(|r| (r.demand.demand, r.before, r.after, r.gap))
        .collect();
    assert_eq!(rows, vec![(4, 12, 12, 8), (16, 8, 8, -8)]);
    assert_eq!(
        (
            t.total_before,
            t.total_after,
            t.total_demand,
            t.total_deviation
        ),
        (20, 20, 20, 16)
    );
    // The checker's deviation is the table's.
    let v = check(&b, &s, &rules, &stay, &Draft::default());
    assert_eq!(v[0].shortfall, t.total_deviation);
    assert!(t.method_zh.contains("道路里程30%"), "{}", t.method_zh);
    // Without figures nothing is measured.
    let (b, s) = bureau(2, 12, 8, Vec::new());
    assert!(!bureau_core::squad_workload::squad_table(&b, &s, &rules, &stay).has_figures);
}
