//! "测试县公安局": a bureau that is deliberately *not* the sample, for tests of the path a new
//! bureau takes (its own Excel files, a template, the designer, the documents): 18 old units
//! (10 internal units, 6 stations, 2 traffic squads), 240 officers, another size and other
//! names. Its place names and personal names share no character pattern with the samples'
//! (compound surnames, given names from other characters), so a test can assert that no
//! string of the sample reaches its documents.

use bureau_core::{
    Bureau, BureauInfo, BureauKind, Category, Gender, Operation, Person, Post, Qualification,
    SquadFigures, StationFigures, Tier, Unit, UnitKind, YearMonth,
};

use crate::rng::Rng;

pub const TEST_BUREAU_NAME: &str = "测试县公安局";

const SURNAMES: &[&str] = &[
    "司马", "上官", "诸葛", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯", "轩辕", "端木",
    "独孤", "南宫", "西门", "百里",
];
const MALE: &[&str] = &[
    "骁", "湛", "珩", "朔", "翊", "澈", "砚", "骞", "霖", "睿", "桓", "彦", "钧", "峻", "嵘", "铎",
];
const FEMALE: &[&str] = &[
    "芷", "蘅", "槿", "漪", "萱", "菁", "黛", "绮", "岚", "筠", "苒", "瑶",
];

/// (id, name, kind, tier, officers, auxiliaries, grids, speciality)
type OldUnitSpec = (
    &'static str,
    &'static str,
    UnitKind,
    Tier,
    u32,
    u32,
    u32,
    &'static str,
);

const D: UnitKind = UnitKind::Department;
const O: Tier = Tier::Office;
const G: Tier = Tier::Grassroots;

const UNITS: [OldUnitSpec; 18] = [
    ("u01", "办公室", D, O, 8, 6, 0, "综合"),
    ("u02", "政治处", D, O, 8, 4, 0, "综合"),
    ("u03", "情报指挥中心", D, O, 10, 12, 0, "情报"),
    ("u04", "刑侦大队", D, O, 24, 18, 0, "刑侦"),
    ("u05", "经侦大队", D, O, 7, 2, 0, "经侦"),
    ("u06", "禁毒大队", D, O, 6, 4, 0, "禁毒"),
    ("u07", "治安大队", D, O, 14, 10, 0, "治安"),
    ("u08", "巡特警大队", D, O, 18, 30, 0, "治安"),
    ("u09", "法制大队", D, O, 5, 1, 0, "法制"),
    ("u10", "交警大队", D, O, 10, 12, 0, "交通"),
    (
        "u11",
        "柏树坪派出所",
        UnitKind::PoliceStation,
        G,
        20,
        28,
        24,
        "治安",
    ),
    (
        "u12",
        "雁门派出所",
        UnitKind::PoliceStation,
        G,
        19,
        26,
        22,
        "治安",
    ),
    (
        "u13",
        "乌江派出所",
        UnitKind::PoliceStation,
        G,
        18,
        24,
        20,
        "治安",
    ),
    (
        "u14",
        "金沙派出所",
        UnitKind::PoliceStation,
        G,
        17,
        22,
        18,
        "治安",
    ),
    (
        "u15",
        "岩口派出所",
        UnitKind::PoliceStation,
        G,
        16,
        20,
        16,
        "治安",
    ),
    (
        "u16",
        "鹤鸣派出所",
        UnitKind::PoliceStation,
        G,
        20,
        26,
        20,
        "治安",
    ),
    (
        "u17",
        "河东交警中队",
        UnitKind::TrafficSquad,
        G,
        10,
        16,
        0,
        "交通",
    ),
    (
        "u18",
        "河西交警中队",
        UnitKind::TrafficSquad,
        G,
        10,
        14,
        0,
        "交通",
    ),
];

const AS_OF: YearMonth = YearMonth {
    year: 2027,
    month: 3,
};

/// 测试县公安局 as its own 单位编制 and 花名册 files would describe it (no structure yet).
pub fn test_county() -> Bureau {
    let mut rng = Rng::new(0x7e57);
    let old_units: Vec<Unit> = UNITS
        .iter()
        .enumerate()
        .map(
            |(i, &(id, name, kind, tier, officers, auxiliaries, grids, _))| Unit {
                id: id.into(),
                name: name.into(),
                kind,
                tier,
                parent: None,
                // Every third unit has a vacancy or two, as real ones do.
                officer_establishment: officers + u32::from(i % 3 == 0) * 2,
                auxiliary_establishment: auxiliaries + u32::from(i % 4 == 1),
                head_posts: 1,
                deputy_posts: match officers {
                    0..=6 => 0,
                    7..=15 => 1,
                    _ => 2,
                },
                operation: Operation::Physical,
                grids,
                functions: String::new(),
            },
        )
        .collect();
    let mut people = Vec::new();
    let mut number = 0u32;
    for (unit, &(_, _, kind, tier, officers, auxiliaries, _, speciality)) in
        old_units.iter().zip(&UNITS)
    {
        for i in 0..officers + auxiliaries {
            number += 1;
            let officer = i < officers;
            let post = match i {
                0 if officer => Post::Head,
                i if officer && i <= unit.deputy_posts => Post::Deputy,
                _ => Post::None,
            };
            let female = rng.chance(0.25);
            let age = match post {
                Post::Head => rng.range(42, 55),
                Post::Deputy => rng.range(36, 53),
                Post::None if officer => rng.range(24, 57),
                Post::None => rng.range(22, 45),
            };
            let surname = rng.pick(SURNAMES);
            let given = rng.pick(if female { FEMALE } else { MALE });
            let second = if rng.chance(0.5) {
                *rng.pick(if female { FEMALE } else { MALE })
            } else {
                ""
            };
            let community = officer
                && kind == UnitKind::PoliceStation
                && post == Post::None
                && rng.chance(0.55);
            let mut qualifications = Vec::new();
            if officer && (tier == Tier::Office || rng.chance(0.5)) {
                qualifications.push(Qualification::ProfessionalGrade);
            }
            if officer && (speciality == "法制" || rng.chance(0.08)) {
                qualifications.push(Qualification::Legal);
            }
            people.push(Person {
                police_number: format!("T{:05}", 52_000 + number),
                name: format!("{surname}{given}{second}"),
                category: if officer {
                    Category::Officer
                } else {
                    Category::Auxiliary
                },
                gender: if female { Gender::Female } else { Gender::Male },
                birth: YearMonth {
                    year: (u32::from(AS_OF.year) - age) as u16,
                    month: rng.range(1, 2) as u8,
                },
                rank: if officer {
                    rank(age).into()
                } else {
                    String::new()
                },
                post,
                current_unit: unit.id.clone(),
                specialities: if officer {
                    vec![if community { "社区" } else { speciality }.into()]
                } else {
                    Vec::new()
                },
                qualifications,
                community_police: community,
                wishes: Vec::new(),
            });
        }
    }
    Bureau {
        info: BureauInfo {
            name: TEST_BUREAU_NAME.into(),
            kind: BureauKind::County,
            as_of: AS_OF,
            background: String::new(),
        },
        station_figures: figures(&old_units),
        squad_figures: squad_figures(),
        old_units,
        people,
    }
}

/// 测试县's stations: 柏树坪 is the county town (busy, small), 鹤鸣 and 岩口 the hills.
/// The two squads: 河东 the town's (short roads, many vehicles), 河西 the hills' (long roads).
fn squad_figures() -> Vec<SquadFigures> {
    // (unit, road km, accidents, traffic calls, vehicles)
    const ROWS: [(&str, f64, u32, u32, u32); 2] = [
        ("u17", 180.0, 260, 3_100, 38_000),
        ("u18", 420.0, 150, 1_400, 16_000),
    ];
    ROWS.iter()
        .map(
            |&(unit, road_km, accidents, traffic_calls, vehicles)| SquadFigures {
                unit: unit.into(),
                road_km,
                accidents,
                traffic_calls,
                vehicles,
            },
        )
        .collect()
}

fn figures(old_units: &[Unit]) -> Vec<StationFigures> {
    // (unit, residents, km², calls, criminal, public order, travel factor)
    type Row = (&'static str, u32, f64, u32, u32, u32, Option<f64>);
    const ROWS: [Row; 6] = [
        ("u11", 52_000, 38.5, 5_200, 410, 690, None),
        ("u12", 31_000, 120.0, 2_300, 170, 300, None),
        ("u13", 24_000, 260.0, 1_500, 95, 180, Some(1.2)),
        ("u14", 18_500, 310.0, 1_100, 70, 120, Some(1.3)),
        ("u15", 12_000, 480.0, 640, 38, 75, Some(1.5)),
        ("u16", 15_500, 405.5, 820, 52, 96, Some(1.4)),
    ];
    ROWS.iter()
        .map(
            |&(unit, residents, area, calls, criminal, public_order, travel)| StationFigures {
                unit: unit.into(),
                resident_population: residents,
                registered_population: None,
                area_km2: area,
                villages: old_units
                    .iter()
                    .find(|u| u.id == unit)
                    .map_or(0, |u| u.grids),
                calls,
                criminal_cases: criminal,
                public_order_cases: public_order,
                travel_factor: travel,
            },
        )
        .collect()
}

fn rank(age: u32) -> &'static str {
    match age {
        0..=29 => "一级警员",
        30..=37 => "三级警长",
        38..=46 => "一级警长",
        _ => "四级高级警长",
    }
}
