//! Structure templates a planner starts a scenario from, applied to any bureau's old units:
//! "1+5(+N)+1" (DOMAIN.md's worked example), "1+3+4+1" (one supervision centre, three
//! comprehensive departments, four law-enforcement departments, one directly attached unit),
//! and a blank one that keeps today's units. Office units are merged by the functions their
//! names show (刑侦, 治安, 法制 …); police stations and traffic squads carry over one to one.
//! A department's establishment and posts are the sums of the units merged into it, less a
//! fifth of the office establishment handed to the police stations (精简机关、充实基层): the
//! totals and the mid-level posts are kept (中层职数不减) until the planner changes them.

use serde::{Deserialize, Serialize};

use crate::model::{
    Assignment, Bureau, Draft, MergeEdge, Operation, Structure, Tier, Unit, UnitKind,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Template {
    #[serde(rename = "1+5(+N)+1")]
    OnePlusFive,
    #[serde(rename = "1+3+4+1")]
    OnePlusThreePlusFour,
    #[serde(rename = "blank")]
    Blank,
}

impl Template {
    pub const ALL: [Template; 3] = [
        Template::OnePlusFive,
        Template::OnePlusThreePlusFour,
        Template::Blank,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::OnePlusFive => "1+5(+N)+1",
            Template::OnePlusThreePlusFour => "1+3+4+1",
            Template::Blank => "现行机构",
        }
    }
}

/// A template department: the old units whose names contain one of `keywords` merge into it
/// (first match in template order wins); the last department takes what nothing else matched.
struct Department {
    id: &'static str,
    name: &'static str,
    operation: Operation,
    sub_units: &'static [&'static str],
    keywords: &'static [&'static str],
}

const fn dept(
    id: &'static str,
    name: &'static str,
    operation: Operation,
    sub_units: &'static [&'static str],
    keywords: &'static [&'static str],
) -> Department {
    Department {
        id,
        name,
        operation,
        sub_units,
        keywords,
    }
}

const P: Operation = Operation::Physical;
const V: Operation = Operation::Virtual;

const ONE_PLUS_FIVE: &[Department] = &[
    dept("t-hc", "合成作战中心", P, &[], &["情报", "情指", "合成"]),
    dept("t-tr", "交警大队", P, &["交警大队机关"], &["交警", "交通"]),
    dept(
        "t-inv",
        "刑事侦查部",
        P,
        &[
            "综合室",
            "技术室",
            "研判室",
            "重案队",
            "经侦队",
            "侵财队",
            "办案队",
        ],
        &[
            "刑侦",
            "刑事",
            "经侦",
            "禁毒",
            "网安",
            "网警",
            "出入境",
            "食药",
            "环境",
        ],
    ),
    dept(
        "t-prev",
        "安全防控部",
        P,
        &["综合室", "基础防控队", "安保维稳队", "巡防处突队"],
        &["治安", "巡", "特警", "国保", "政保", "警卫"],
    ),
    dept(
        "t-law",
        "执法管理部",
        V,
        &[
            "行政执法业务队",
            "刑事执法业务队",
            "执法监督管理队",
            "执法办案管理中心",
            "看守所",
        ],
        &["法制", "看守", "拘留", "监管"],
    ),
    dept(
        "t-cmd",
        "警务指挥部",
        P,
        &["指挥室", "情报室", "综合室", "督考队"],
        &[
            "办公室",
            "指挥",
            "督察",
            "反恐",
            "科技",
            "科通",
            "通信",
            "考核",
        ],
    ),
    dept(
        "t-svc",
        "服务保障部",
        V,
        &["政治处", "警保室", "公安行政服务中心"],
        &["政治", "党委", "纪委", "保障", "审批", "后勤", "人事"],
    ),
];

const ONE_PLUS_THREE_PLUS_FOUR: &[Department] = &[
    dept(
        "t-sup",
        "督察审计中心",
        P,
        &[],
        &["督察", "审计", "考核", "纪委"],
    ),
    dept("t-tr", "交警大队", P, &["交警大队机关"], &["交警", "交通"]),
    dept(
        "t-inv",
        "刑事侦查部",
        P,
        &["综合室", "技术室", "重案队", "经侦队", "禁毒队"],
        &[
            "刑侦", "刑事", "经侦", "禁毒", "网安", "网警", "食药", "环境",
        ],
    ),
    dept(
        "t-pub",
        "治安管理部",
        P,
        &["综合室", "治安队", "出入境队"],
        &["治安", "出入境", "国保", "政保"],
    ),
    dept(
        "t-pat",
        "巡特警部",
        P,
        &["巡逻队", "特勤队", "警卫队"],
        &["巡", "特警", "警卫", "反恐"],
    ),
    dept(
        "t-law",
        "法制监管部",
        V,
        &["法制室", "执法办案管理中心", "看守所"],
        &["法制", "看守", "拘留", "监管"],
    ),
    dept(
        "t-cmd",
        "警务指挥部",
        P,
        &["指挥室", "情报室", "综合室"],
        &["办公室", "指挥", "情报", "情指", "科技", "科通", "通信"],
    ),
    dept(
        "t-pol",
        "政治部",
        P,
        &["组织人事室", "宣传室"],
        &["政治", "党委", "人事"],
    ),
    dept(
        "t-svc",
        "警务保障部",
        V,
        &["警保室", "公安行政服务中心"],
        &["保障", "审批", "后勤"],
    ),
];

/// The structure a template gives `bureau`, and the draft that places everyone at their old
/// unit's destination (no pins).
pub fn apply(template: Template, bureau: &Bureau) -> (Structure, Draft) {
    let departments = match template {
        Template::OnePlusFive => ONE_PLUS_FIVE,
        Template::OnePlusThreePlusFour => ONE_PLUS_THREE_PLUS_FOUR,
        Template::Blank => &[],
    };
    let mut merged: Vec<Vec<&Unit>> = vec![Vec::new(); departments.len()];
    let mut units: Vec<Unit> = Vec::new();
    let mut merge_map: Vec<MergeEdge> = Vec::new();
    let mut carried: Vec<Unit> = Vec::new();
    for old in bureau.old_units.iter().filter(|u| u.parent.is_none()) {
        let to_department = (old.tier == Tier::Office && !departments.is_empty()).then(|| {
            departments
                .iter()
                .position(|d| d.keywords.iter().any(|k| old.name.contains(k)))
                .unwrap_or(departments.len() - 1)
        });
        match to_department {
            Some(d) => {
                merged[d].push(old);
                merge_map.push(MergeEdge {
                    from: old.id.clone(),
                    to: vec![departments[d].id.into()],
                });
            }
            None => {
                // Kept as it is (grassroots always; office units in the blank template).
                let id = format!("t-{}", old.id);
                carried.push(Unit {
                    id: id.clone(),
                    parent: None,
                    ..old.clone()
                });
                merge_map.push(MergeEdge {
                    from: old.id.clone(),
                    to: vec![id],
                });
            }
        }
    }
    // Sub-units of old units follow their parent's destination.
    for old in bureau.old_units.iter().filter(|u| u.parent.is_some()) {
        let top = top_of(bureau, &old.id);
        if let Some(to) = merge_map
            .iter()
            .find(|e| e.from == top)
            .map(|e| e.to.clone())
        {
            merge_map.push(MergeEdge {
                from: old.id.clone(),
                to,
            });
        }
    }
    for (d, sources) in departments.iter().zip(&merged) {
        if sources.is_empty() {
            continue;
        }
        let sum = |f: fn(&Unit) -> u32| sources.iter().map(|u| f(u)).sum::<u32>();
        units.push(Unit {
            id: d.id.into(),
            name: d.name.into(),
            kind: UnitKind::Department,
            tier: Tier::Office,
            parent: None,
            officer_establishment: sum(|u| u.officer_establishment),
            auxiliary_establishment: sum(|u| u.auxiliary_establishment),
            head_posts: sum(|u| u.head_posts),
            deputy_posts: sum(|u| u.deputy_posts),
            operation: d.operation,
            grids: 0,
        });
        for (i, name) in d.sub_units.iter().enumerate() {
            units.push(Unit {
                id: format!("{}-{}", d.id, i + 1),
                name: (*name).into(),
                kind: UnitKind::Department,
                tier: Tier::Office,
                parent: Some(d.id.into()),
                officer_establishment: 0,
                auxiliary_establishment: 0,
                head_posts: 0,
                deputy_posts: 0,
                operation: d.operation,
                grids: 0,
            });
        }
    }
    units.extend(carried);
    move_establishment_down(&mut units);
    let structure = Structure {
        name: template.name().into(),
        units,
        merge_map,
    };
    let assignment: Assignment = bureau
        .people
        .iter()
        .filter_map(|p| {
            structure
                .destinations(&p.current_unit)
                .first()
                .map(|to| (p.police_number.clone(), to.clone()))
        })
        .collect();
    (
        structure,
        Draft {
            assignment,
            pins: Vec::new(),
        },
    )
}

/// The share of office establishment a template hands to the police stations: the low end of
/// the 20–35% cuts published reforms made, so that a template's plan can meet the station share.
pub const OFFICE_SLIMMING: f64 = 0.2;

/// Moves `OFFICE_SLIMMING` of each top-level office unit's officer establishment to the police
/// stations, in proportion to their establishment (largest remainders first); totals are kept.
fn move_establishment_down(units: &mut [Unit]) {
    let mut freed = 0u32;
    for u in units
        .iter_mut()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
    {
        let cut = (f64::from(u.officer_establishment) * OFFICE_SLIMMING).round() as u32;
        u.officer_establishment -= cut;
        freed += cut;
    }
    let stations: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].kind == UnitKind::PoliceStation && units[i].parent.is_none())
        .collect();
    let base: u32 = stations
        .iter()
        .map(|&i| units[i].officer_establishment)
        .sum();
    if stations.is_empty() {
        // Nowhere to send it: give it back to the first office unit so totals hold.
        if let Some(u) = units.iter_mut().find(|u| u.tier == Tier::Office) {
            u.officer_establishment += freed;
        }
        return;
    }
    let exact: Vec<(usize, f64)> = stations
        .iter()
        .map(|&i| {
            let share = if base == 0 {
                f64::from(freed) / stations.len() as f64
            } else {
                f64::from(freed) * f64::from(units[i].officer_establishment) / f64::from(base)
            };
            (i, share)
        })
        .collect();
    let mut given = 0;
    let mut remainders: Vec<(f64, usize)> = Vec::new();
    for (i, share) in exact {
        let whole = share.floor() as u32;
        units[i].officer_establishment += whole;
        given += whole;
        remainders.push((share - f64::from(whole), i));
    }
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take((freed - given) as usize) {
        units[i].officer_establishment += 1;
    }
}

fn top_of(bureau: &Bureau, id: &str) -> String {
    let mut at = id.to_owned();
    for _ in 0..=bureau.old_units.len() {
        match bureau.old_unit(&at).and_then(|u| u.parent.clone()) {
            Some(parent) => at = parent,
            None => break,
        }
    }
    at
}
