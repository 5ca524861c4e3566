//! Builds a whole bureau file from a compact spec: old units with their headcounts, a roster
//! that fits them (ages, ranks, posts, specialities, qualifications), the target structure
//! from the template, and a default draft in which everyone follows the merge map.

use std::collections::HashMap;

use bureau_core::{
    Assignment, BureauFile, BureauInfo, BureauKind, Category, Draft, Gender, MergeEdge, Operation,
    Person, Post, Qualification, Structure, Tier, Unit, UnitKind, YearMonth,
};

use crate::names;
use crate::rng::Rng;
use crate::template::{InternalUnit, BACKGROUND, INTERNAL_UNITS, NEW_DEPARTMENTS};

/// A station or traffic squad today.
#[derive(Debug, Clone)]
pub struct Site {
    pub officers: u32,
    pub auxiliaries: u32,
    pub grids: u32,
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    pub kind: BureauKind,
    pub seed: u64,
    /// Internal units' and new departments' headcounts relative to the county template.
    pub scale: f64,
    pub stations: Vec<Site>,
    pub squads: Vec<Site>,
    pub officer_vacancies: u32,
    pub auxiliary_vacancies: u32,
    /// Leading digits of police numbers.
    pub number_prefix: u32,
    pub structure_name: String,
    /// What the stations' jurisdictions add up to.
    pub jurisdiction: crate::figures::Jurisdiction,
}

const AS_OF: YearMonth = YearMonth {
    year: 2026,
    month: 12,
};
const SQUAD_NAMES: [&str; 4] = ["城区", "东部", "南部", "西部"];
const EXTRA_SPECIALITIES: [&str; 8] = [
    "刑侦", "治安", "法制", "情报", "网安", "技术", "综合", "禁毒",
];

fn scaled(n: u32, scale: f64) -> u32 {
    ((f64::from(n) * scale).round() as u32).max(1)
}

/// One old unit and what its people look like.
struct OldUnit {
    unit: Unit,
    officers: u32,
    auxiliaries: u32,
    speciality: &'static str,
    to: Vec<String>,
}

pub fn build(spec: &Spec) -> BureauFile {
    let mut rng = Rng::new(spec.seed);
    let old = old_units(spec);
    let structure = new_structure(spec, &old);
    let people = roster(spec, &old, &mut rng);
    let draft = default_draft(&structure, &old, &people);
    let mut old_units: Vec<Unit> = old.into_iter().map(|o| o.unit).collect();
    let stations: Vec<&Unit> = old_units.iter().filter(|u| u.is_station()).collect();
    let station_figures = crate::figures::station_figures(&stations, spec.jurisdiction, spec.seed);
    let squads: Vec<&Unit> = old_units.iter().filter(|u| u.is_traffic_squad()).collect();
    let squad_figures = crate::figures::squad_figures(&squads, spec.jurisdiction, spec.seed);
    spread(&mut old_units, spec.officer_vacancies, |u| {
        &mut u.officer_establishment
    });
    spread(&mut old_units, spec.auxiliary_vacancies, |u| {
        &mut u.auxiliary_establishment
    });
    BureauFile {
        format: bureau_core::bureau_file::FORMAT.into(),
        version: bureau_core::bureau_file::VERSION,
        bureau: BureauInfo {
            name: spec.name.clone(),
            kind: spec.kind,
            as_of: AS_OF,
            background: BACKGROUND.replace(
                "40%",
                if spec.kind == BureauKind::County {
                    "40%"
                } else {
                    "50%"
                },
            ),
        },
        old_units,
        people,
        structure,
        draft: Some(draft),
        station_figures,
        squad_figures,
        rules: None,
        weights: None,
    }
}

/// Establishment = headcount plus vacancies handed out one per unit, in order.
fn spread(units: &mut [Unit], mut vacancies: u32, field: impl Fn(&mut Unit) -> &mut u32) {
    while vacancies > 0 && !units.is_empty() {
        for u in units.iter_mut() {
            if vacancies == 0 {
                break;
            }
            *field(u) += 1;
            vacancies -= 1;
        }
    }
}

fn unit(id: String, name: String, kind: UnitKind, tier: Tier) -> Unit {
    Unit {
        id,
        name,
        kind,
        tier,
        parent: None,
        officer_establishment: 0,
        auxiliary_establishment: 0,
        head_posts: 1,
        deputy_posts: 0,
        operation: Operation::Physical,
        grids: 0,
        functions: String::new(),
    }
}

fn station_name(i: usize) -> String {
    format!("{}派出所", names::place(i))
}

fn squad_name(i: usize) -> String {
    match SQUAD_NAMES.get(i) {
        Some(n) => format!("{n}交警中队"),
        None => format!("{}交警中队", names::place(i + 20)),
    }
}

/// What the old units of one kind of site share: their ids' code, kind, deputy posts and the
/// speciality of their people.
struct SiteKind {
    code: &'static str,
    kind: UnitKind,
    deputy_posts: u32,
    speciality: &'static str,
    name: fn(usize) -> String,
}

const STATIONS: SiteKind = SiteKind {
    code: "ps",
    kind: UnitKind::PoliceStation,
    deputy_posts: 2,
    speciality: "治安",
    name: station_name,
};

const SQUADS: SiteKind = SiteKind {
    code: "tj",
    kind: UnitKind::TrafficSquad,
    deputy_posts: 1,
    speciality: "交通",
    name: squad_name,
};

fn old_units(spec: &Spec) -> Vec<OldUnit> {
    let mut out = Vec::new();
    for t in &INTERNAL_UNITS {
        out.push(internal(t, spec.scale));
    }
    for (kind, sites) in [(&STATIONS, &spec.stations), (&SQUADS, &spec.squads)] {
        out.extend(sites.iter().enumerate().map(|(i, s)| site(kind, i, s)));
    }
    out
}

/// The `i`-th site of a kind, which becomes the new unit `d-<code>NN` whole.
fn site(kind: &SiteKind, i: usize, s: &Site) -> OldUnit {
    let mut u = unit(
        format!("o-{}{:02}", kind.code, i + 1),
        (kind.name)(i),
        kind.kind,
        Tier::Grassroots,
    );
    u.deputy_posts = kind.deputy_posts;
    u.grids = s.grids;
    u.officer_establishment = s.officers;
    u.auxiliary_establishment = s.auxiliaries;
    OldUnit {
        to: vec![format!("d-{}{:02}", kind.code, i + 1)],
        unit: u,
        officers: s.officers,
        auxiliaries: s.auxiliaries,
        speciality: kind.speciality,
    }
}

fn internal(t: &InternalUnit, scale: f64) -> OldUnit {
    let officers = scaled(t.officers, scale);
    let auxiliaries = if t.auxiliaries == 0 {
        0
    } else {
        scaled(t.auxiliaries, scale)
    };
    let mut u = unit(t.id.into(), t.name.into(), t.kind, Tier::Office);
    u.deputy_posts = match officers {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    };
    u.officer_establishment = officers;
    u.auxiliary_establishment = auxiliaries;
    OldUnit {
        unit: u,
        officers,
        auxiliaries,
        speciality: t.speciality,
        to: t.to.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn new_structure(spec: &Spec, old: &[OldUnit]) -> Structure {
    // Auxiliaries stay with their work: a department's auxiliary establishment is what its
    // feeding units have today.
    let mut feeding_aux: HashMap<&str, u32> = HashMap::new();
    for o in old {
        if let Some(first) = o.to.first() {
            *feeding_aux.entry(first.as_str()).or_default() += o.auxiliaries;
        }
    }
    let mut units = Vec::new();
    for d in &NEW_DEPARTMENTS {
        let aux = feeding_aux.get(d.id).copied().unwrap_or(0);
        let subs: Vec<(String, String, u32)> = d
            .sub_units
            .iter()
            .map(|(suffix, name, est)| {
                (
                    format!("{}-{suffix}", d.id),
                    (*name).to_owned(),
                    scaled(*est, spec.scale),
                )
            })
            .collect();
        let est = if subs.is_empty() {
            scaled(d.establishment, spec.scale)
        } else {
            subs.iter().map(|s| s.2).sum()
        };
        let mut dept = unit(d.id.into(), d.name.into(), d.kind, Tier::Office);
        dept.operation = d.operation;
        dept.functions =
            bureau_core::templates::department_functions(d.id.trim_start_matches("d-")).into();
        dept.deputy_posts = if matches!(d.kind, UnitKind::OperationsCentre) || subs.is_empty() {
            2
        } else {
            3
        };
        dept.officer_establishment = if subs.is_empty() { est } else { 0 };
        dept.auxiliary_establishment = if subs.is_empty() { aux } else { 0 };
        units.push(dept);
        for (sub_id, name, sub_est) in subs {
            let kind = if name == "看守所" {
                UnitKind::Detention
            } else {
                UnitKind::SubUnit
            };
            let mut s = unit(sub_id, name, kind, Tier::Office);
            s.parent = Some(d.id.into());
            s.operation = d.operation;
            // Bigger bureaus run bigger rooms with more deputies, so posts are not cut.
            s.deputy_posts =
                u32::from(sub_est >= scaled(6, spec.scale)).max((spec.scale / 3.0) as u32);
            s.officer_establishment = sub_est;
            s.auxiliary_establishment =
                (f64::from(aux) * f64::from(sub_est) / f64::from(est.max(1))).round() as u32;
            units.push(s);
        }
    }
    for o in old.iter().filter(|o| o.unit.tier == Tier::Grassroots) {
        let mut u = o.unit.clone();
        u.id = o.to[0].clone();
        // Stations are to receive officers from the office: room for them in the establishment.
        let room = if u.kind == UnitKind::PoliceStation {
            5
        } else {
            2
        };
        u.officer_establishment = o.officers + scaled(room, spec.scale);
        u.auxiliary_establishment = o.auxiliaries + 2;
        u.functions = bureau_core::templates::default_functions(u.kind).into();
        units.push(u);
    }
    let merge_map = old
        .iter()
        .map(|o| MergeEdge {
            from: o.unit.id.clone(),
            to: o.to.clone(),
        })
        .collect();
    Structure {
        name: spec.structure_name.clone(),
        units,
        merge_map,
    }
}

fn roster(spec: &Spec, old: &[OldUnit], rng: &mut Rng) -> Vec<Person> {
    let total_officers: u32 = old.iter().map(|o| o.officers).sum();
    let width = total_officers.max(9999).to_string().len();
    let mut people = Vec::new();
    let mut officer_no = 0u32;
    let mut aux_no = 0u32;
    let wish_targets: Vec<&str> = NEW_DEPARTMENTS.iter().map(|d| d.id).collect();
    for (index, o) in old.iter().enumerate() {
        let office = o.unit.tier == Tier::Office;
        // A few posts are vacant, as in any real bureau.
        let heads = u32::from(index % 9 != 4).min(o.officers);
        let deputies = o
            .unit
            .deputy_posts
            .saturating_sub(u32::from(index % 5 == 2));
        for i in 0..o.officers {
            officer_no += 1;
            let post = if i < heads {
                Post::Head
            } else if i < heads + deputies {
                Post::Deputy
            } else {
                Post::None
            };
            let female = rng.chance(0.2);
            let age = match post {
                Post::Head => rng.range(40, 56),
                Post::Deputy => rng.range(35, 54),
                Post::None if office && rng.chance(0.16) => rng.range(50, 58),
                Post::None if office => rng.range(25, 49),
                Post::None => rng.range(23, 56),
            };
            let community =
                o.unit.kind == UnitKind::PoliceStation && post == Post::None && rng.chance(0.5);
            let mut specialities = vec![if community {
                "社区".to_owned()
            } else {
                o.speciality.to_owned()
            }];
            if rng.chance(0.25) {
                let extra = (*rng.pick(&EXTRA_SPECIALITIES)).to_owned();
                if !specialities.contains(&extra) {
                    specialities.push(extra);
                }
            }
            let mut qualifications = Vec::new();
            if rng.chance(if office { 0.8 } else { 0.45 }) {
                qualifications.push(Qualification::ProfessionalGrade);
            }
            if rng.chance(if o.speciality == "法制" { 0.9 } else { 0.08 }) {
                qualifications.push(Qualification::Legal);
            }
            let mut wishes = Vec::new();
            if rng.chance(0.06) {
                let target = if office && rng.chance(0.4) {
                    format!("d-ps{:02}", rng.range(1, spec.stations.len() as u32))
                } else {
                    (*rng.pick(&wish_targets)).to_owned()
                };
                wishes.push(target);
            }
            let number = format!("{}{:0width$}", spec.number_prefix, officer_no);
            people.push(Person {
                rank: rank(age, post).into(),
                post,
                specialities,
                qualifications,
                community_police: community,
                wishes,
                ..person(rng, number, Category::Officer, female, age, o)
            });
        }
        for _ in 0..o.auxiliaries {
            aux_no += 1;
            let female = rng.chance(0.35);
            let age = rng.range(21, 45);
            let number = format!("F{}{:0width$}", spec.number_prefix, aux_no);
            people.push(person(rng, number, Category::Auxiliary, female, age, o));
        }
    }
    people
}

/// One of `o`'s people, `age` years old, with a drawn name and birth month, holding the unit's
/// speciality and nothing more: no rank, post, qualification or wish.
fn person(
    rng: &mut Rng,
    police_number: String,
    category: Category,
    female: bool,
    age: u32,
    o: &OldUnit,
) -> Person {
    Person {
        police_number,
        name: names::person(rng, female),
        category,
        gender: if female { Gender::Female } else { Gender::Male },
        birth: birth(rng, age),
        rank: String::new(),
        post: Post::None,
        current_unit: o.unit.id.clone(),
        specialities: vec![o.speciality.to_owned()],
        qualifications: Vec::new(),
        community_police: false,
        wishes: Vec::new(),
    }
}

fn birth(rng: &mut Rng, age: u32) -> YearMonth {
    let month = rng.range(1, 12) as u8;
    // Born in `month` of this year: the birthday has passed by December, so the age is exact.
    let year = (u32::from(AS_OF.year) - age) as u16;
    YearMonth { year, month }
}

fn rank(age: u32, post: Post) -> &'static str {
    const LADDER: [&str; 8] = [
        "二级警员",
        "一级警员",
        "四级警长",
        "三级警长",
        "二级警长",
        "一级警长",
        "四级高级警长",
        "三级高级警长",
    ];
    let step = match age {
        0..=27 => 0,
        28..=31 => 1,
        32..=35 => 2,
        36..=39 => 3,
        40..=44 => 4,
        45..=49 => 5,
        _ => 6,
    } + usize::from(post == Post::Head);
    LADDER[step.min(LADDER.len() - 1)]
}

/// Everyone follows the merge map: cadres to the department itself, others to the sub-unit
/// with the most room; units with two destinations send every third person to the second.
fn default_draft(structure: &Structure, old: &[OldUnit], people: &[Person]) -> Draft {
    let to: HashMap<&str, &[String]> = old
        .iter()
        .map(|o| (o.unit.id.as_str(), o.to.as_slice()))
        .collect();
    let mut placed: HashMap<(String, Category), u32> = HashMap::new();
    let mut placed_posts: HashMap<(String, Post), u32> = HashMap::new();
    let mut assignment = Assignment::new();
    let mut seen_in_unit: HashMap<&str, u32> = HashMap::new();
    for p in people {
        let Some(dests) = to.get(p.current_unit.as_str()) else {
            continue;
        };
        let n = seen_in_unit.entry(p.current_unit.as_str()).or_default();
        *n += 1;
        let dest = match dests {
            [_, second, ..] if p.post == Post::None && n.is_multiple_of(3) => second,
            [first, ..] => first,
            [] => continue,
        };
        let subs: Vec<&Unit> = structure
            .units
            .iter()
            .filter(|u| u.parent.as_deref() == Some(dest.as_str()))
            .collect();
        let target = if subs.is_empty() {
            dest.clone()
        } else if p.post != Post::None {
            // Cadres fill the department's own posts first, then lead its rooms and teams.
            let free = |id: &str, posts: u32, post: Post| {
                posts
                    > placed_posts
                        .get(&(id.to_owned(), post))
                        .copied()
                        .unwrap_or(0)
            };
            let dept = structure
                .unit(dest)
                .map_or((0, 0), |u| (u.head_posts, u.deputy_posts));
            let own = if p.post == Post::Head { dept.0 } else { dept.1 };
            if free(dest, own, p.post) {
                dest.clone()
            } else {
                subs.iter()
                    .find(|u| {
                        free(
                            &u.id,
                            if p.post == Post::Head {
                                u.head_posts
                            } else {
                                u.deputy_posts
                            },
                            p.post,
                        )
                    })
                    .or_else(|| subs.iter().find(|u| free(&u.id, u.head_posts, Post::Head)))
                    .map_or(dest.clone(), |u| u.id.clone())
            }
        } else {
            let room = |u: &Unit| {
                let est = if p.is_officer() {
                    u.officer_establishment
                } else {
                    u.auxiliary_establishment
                };
                let used = placed
                    .get(&(u.id.clone(), p.category))
                    .copied()
                    .unwrap_or(0);
                i64::from(est) - i64::from(used)
            };
            // max_by_key keeps the last maximum; reverse so the first unit wins ties.
            subs.iter()
                .rev()
                .max_by_key(|u| room(u))
                .map_or(dest.clone(), |u| u.id.clone())
        };
        *placed.entry((target.clone(), p.category)).or_default() += 1;
        if p.post != Post::None {
            let slot = match structure.unit(&target) {
                // A deputy leading a room takes the room's head post.
                Some(u)
                    if p.post == Post::Deputy
                        && u.parent.is_some()
                        && u.deputy_posts
                            <= placed_posts
                                .get(&(target.clone(), Post::Deputy))
                                .copied()
                                .unwrap_or(0) =>
                {
                    Post::Head
                }
                _ => p.post,
            };
            *placed_posts.entry((target.clone(), slot)).or_default() += 1;
        }
        assignment.insert(p.police_number.clone(), target);
    }
    Draft {
        assignment,
        pins: Vec::new(),
        exclusions: Vec::new(),
        community: Default::default(),
    }
}
