//! Structure templates a planner starts a scenario from, applied to any bureau's old units:
//! "1+5(+N)+1" (DOMAIN.md's worked example), "1+3+4+1" (one supervision centre, three
//! comprehensive departments, four law-enforcement departments, one directly attached unit),
//! and a blank one that keeps today's units. Office units are merged by the functions their
//! names show (刑侦, 治安, 法制 …); police stations and traffic squads carry over one to one.
//! A department's establishment is the sum of the units merged into it, less a fifth of the
//! office establishment handed to the police stations (精简机关、充实基层), shared out among its
//! sub-units (the department keeps none of its own, so its total is its sub-units' sum);
//! posts fit the result (a head per unit, deputies by size) and are never fewer than the
//! merged units' posts (中层职数不减). Each department gets its main functions (职能) as default text, and
//! the structure is named after the template. The totals are kept until the planner changes
//! them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    Assignment, Bureau, Draft, MergeEdge, Operation, Structure, Tier, Unit, UnitKind,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
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
                // Kept as it is (grassroots always; office units in the blank template), with
                // the establishment and posts of its own sub-units folded in.
                let id = format!("t-{}", old.id);
                let mut unit = Unit {
                    id: id.clone(),
                    parent: None,
                    ..old.clone()
                };
                for f in NUMBERS {
                    *f(&mut unit) = with_descendants(bureau, old, f);
                }
                if unit.functions.is_empty() {
                    unit.functions = default_functions(unit.kind).into();
                }
                carried.push(unit);
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
    // Each template department with the head and deputy posts of the units merged into it.
    let mut templated: Vec<(&Department, u32, u32)> = Vec::new();
    for (d, sources) in departments.iter().zip(&merged) {
        if sources.is_empty() {
            continue;
        }
        let sum = |f: fn(&mut Unit) -> &mut u32| {
            sources
                .iter()
                .map(|u| with_descendants(bureau, u, f))
                .sum::<u32>()
        };
        templated.push((d, sum(|u| &mut u.head_posts), sum(|u| &mut u.deputy_posts)));
        units.push(Unit {
            id: d.id.into(),
            name: d.name.into(),
            kind: if d.id == "t-hc" {
                UnitKind::OperationsCentre
            } else {
                UnitKind::Department
            },
            tier: Tier::Office,
            parent: None,
            officer_establishment: sum(|u| &mut u.officer_establishment),
            auxiliary_establishment: sum(|u| &mut u.auxiliary_establishment),
            head_posts: 0,
            deputy_posts: 0,
            operation: d.operation,
            grids: 0,
            functions: department_functions(d.id.trim_start_matches("t-")).into(),
        });
    }
    units.extend(carried);
    move_establishment_down(&mut units);
    let mut structured: Vec<Unit> = Vec::new();
    for unit in units {
        match templated.iter().find(|(d, _, _)| d.id == unit.id) {
            Some(&(d, heads, deputies)) => {
                let mut department = with_sub_units(unit, d.sub_units);
                fit_posts(&mut department, heads, deputies);
                structured.extend(department);
            }
            None => structured.push(unit),
        }
    }
    let structure = Structure {
        name: template.name().into(),
        units: structured,
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
            exclusions: Vec::new(),
            community: Default::default(),
        },
    )
}

/// A unit's establishment and posts: the fields a template sums.
const NUMBERS: [fn(&mut Unit) -> &mut u32; 4] = [
    |u| &mut u.officer_establishment,
    |u| &mut u.auxiliary_establishment,
    |u| &mut u.head_posts,
    |u| &mut u.deputy_posts,
];

/// The fewest officers a template sub-unit is given: fewer, and it keeps fewer sub-units.
pub const MIN_SUB_UNIT_OFFICERS: u32 = 3;

/// A department and its sub-units, the department's establishment shared out among them (in
/// equal parts, largest remainders first; auxiliaries in proportion to officers). A small
/// department keeps only as many sub-units as can each have `MIN_SUB_UNIT_OFFICERS`; with no
/// officers at all it keeps none and holds its establishment itself.
fn with_sub_units(mut department: Unit, names: &[&str]) -> Vec<Unit> {
    let officers = department.officer_establishment;
    let keep = names
        .len()
        .min(usize::try_from(officers / MIN_SUB_UNIT_OFFICERS).unwrap_or(usize::MAX));
    let keep = if officers > 0 && !names.is_empty() {
        keep.max(1)
    } else {
        0
    };
    if keep == 0 {
        return vec![department];
    }
    let officer_shares = share_out(officers, &vec![1; keep]);
    let auxiliary_shares = share_out(department.auxiliary_establishment, &officer_shares);
    let mut out = Vec::with_capacity(keep + 1);
    let subs: Vec<Unit> = names[..keep]
        .iter()
        .zip(officer_shares.iter().zip(&auxiliary_shares))
        .enumerate()
        .map(|(i, (name, (&o, &a)))| Unit {
            id: format!("{}-{}", department.id, i + 1),
            name: (*name).into(),
            kind: if name.contains("看守所") {
                UnitKind::Detention
            } else {
                UnitKind::SubUnit
            },
            tier: Tier::Office,
            parent: Some(department.id.clone()),
            officer_establishment: o,
            auxiliary_establishment: a,
            head_posts: 0,
            deputy_posts: 0,
            operation: department.operation,
            grids: 0,
            functions: String::new(),
        })
        .collect();
    department.officer_establishment = 0;
    department.auxiliary_establishment = 0;
    out.push(department);
    out.extend(subs);
    out
}

/// `total` split in proportion to `weights` (equal parts when they are all 0), the rounding
/// going to the largest remainders, earlier first: the parts always add up to `total`.
fn share_out(total: u32, weights: &[u32]) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    let weight = |w: u32| if sum == 0 { 1 } else { u64::from(w) };
    let sum = if sum == 0 { weights.len() as u64 } else { sum };
    if sum == 0 {
        return Vec::new();
    }
    let mut parts: Vec<u32> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u64, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let exact = u64::from(total) * weight(w);
        parts.push(u32::try_from(exact / sum).unwrap_or(u32::MAX));
        remainders.push((exact % sum, i));
    }
    let given: u32 = parts.iter().sum();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take((total - given) as usize) {
        parts[i] += 1;
    }
    parts
}

/// Posts of a template department (`units[0]`) and its sub-units from the posts of the old
/// units merged into it: a head for every unit (the department takes any heads beyond that, so
/// that no one holding a head post today lacks one), and the deputies by size: one for the
/// department, one for each sub-unit of 6 officers or more (largest first), up to three for the
/// department, then round the sub-units again. Posts are never fewer than the merged units'
/// (中层职数不减).
fn fit_posts(units: &mut [Unit], heads: u32, deputies: u32) {
    let Some((department, subs)) = units.split_first_mut() else {
        return;
    };
    let own = subs.len() as u32 + 1;
    department.head_posts = 1 + heads.saturating_sub(own);
    department.deputy_posts = 0;
    for s in subs.iter_mut() {
        s.head_posts = 1;
        s.deputy_posts = 0;
    }
    let mut left = deputies;
    let mut by_size: Vec<usize> = (0..subs.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(subs[i].officer_establishment));
    if left > 0 {
        department.deputy_posts += 1;
        left -= 1;
    }
    for &i in &by_size {
        if left > 0 && subs[i].officer_establishment >= 6 {
            subs[i].deputy_posts += 1;
            left -= 1;
        }
    }
    while left > 0 && department.deputy_posts < 3 {
        department.deputy_posts += 1;
        left -= 1;
    }
    if subs.is_empty() {
        department.deputy_posts += left;
        return;
    }
    while left > 0 {
        for &i in &by_size {
            if left == 0 {
                break;
            }
            subs[i].deputy_posts += 1;
            left -= 1;
        }
    }
}

/// An old unit's number with its sub-units' (and theirs) added.
fn with_descendants(bureau: &Bureau, unit: &Unit, f: fn(&mut Unit) -> &mut u32) -> u32 {
    let mut total = *f(&mut unit.clone());
    let mut frontier = vec![unit.id.as_str()];
    // Bounded by the unit count: a parent cycle (refused on load) cannot loop forever.
    for _ in 0..bureau.old_units.len() {
        let next: Vec<&str> = bureau
            .old_units
            .iter()
            .filter(|u| u.parent.as_deref().is_some_and(|p| frontier.contains(&p)))
            .map(|u| u.id.as_str())
            .collect();
        if next.is_empty() {
            break;
        }
        for id in &next {
            if let Some(u) = bureau.old_unit(id) {
                total += *f(&mut u.clone());
            }
        }
        frontier = next;
    }
    total
}

/// The main functions (职能) a plan writes for a department of the "1+5(+N)+1" model, by its
/// short name (`hc` 合成作战中心, `cmd` 警务指挥部, `inv`, `prev`, `pub`, `pat`, `law`, `sup`,
/// `pol`, `svc`, `tr`; DOMAIN.md's table): defaults the planner edits. Empty for any other name.
pub fn department_functions(short: &str) -> &'static str {
    match short {
        "hc" => "情报信息研判\n视频和数据侦查支撑\n案件实时支撑\n多警种合成作战协调",
        "cmd" => {
            "110接处警和指挥调度\n值班备勤管理\n应急指挥\n情报信息汇总\n督察考核\n文秘和综合事务"
        }
        "inv" => "刑事、经济、毒品和网络犯罪侦查\n刑事技术支撑\n案件研判\n重大案件攻坚",
        "prev" | "pub" => {
            "社会治安管理\n街面巡逻防控\n大型活动安保和维稳\n突发事件先期处置\n指导派出所基础工作"
        }
        "pat" => "街面巡逻防控\n武装处突和特勤任务\n警卫安保",
        "law" => {
            "案件法制审核\n执法监督\n执法办案管理中心和涉案财物管理中心\n行政复议和诉讼\n监所管理"
        }
        "sup" => "警务督察\n审计监督\n绩效考核",
        "pol" => "党建和队伍建设\n组织人事\n教育训练\n宣传",
        "svc" => "党建和人事\n教育训练\n财务装备\n后勤保障\n行政审批和公安政务服务",
        "tr" => "道路交通秩序管理\n交通事故处理\n车辆和驾驶人管理\n指导交警中队",
        _ => "",
    }
}

/// The main functions (职能) a plan writes for a unit of this kind when the template has none.
pub fn default_functions(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::PoliceStation => {
            "辖区治安管理和社区警务\n接处警和案件办理\n基础信息采集和群防群治"
        }
        UnitKind::TrafficSquad => "辖区道路交通秩序管理\n交通事故处理\n交通安全宣传",
        UnitKind::Detention => "在押人员监管\n监所安全管理",
        _ => "",
    }
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
