//! The plan's text, section by section as a reform plan is written (改革背景和必要性 … 工作要求).
//! Each section has a stable key and a default generator writing formal Chinese from the data;
//! every figure comes from `bureau_core::metrics`. A planner's own version of a paragraph will
//! replace the default by its key; the generators here never print the app's words or a
//! scenario's name.

use bureau_core::metrics::{establishment, unit_counts};
use bureau_core::move_reasons::MoveReasons;
use bureau_core::rules::share_as_stated as rule_pct;
use bureau_core::rules::{Rule, RuleKind};
use bureau_core::{Bureau, Metrics, Operation, Scenario, Tier, YearMonth};

/// One block of a section's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A body paragraph (仿宋, first line indented two characters).
    Para(String),
    /// A paragraph opening with a run-in heading: （一）坚持党的绝对领导。 (楷体) then text.
    Lead { heading: String, text: String },
    /// A level-3 heading on its own line: 1．… (仿宋).
    Sub(String),
}

/// A numbered section of the plan: 一、改革背景和必要性 and so on.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable key under which a planner's own text of this section is kept.
    pub key: &'static str,
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

/// What the generators read: the bureau, the scenario, its metrics and rules.
pub struct PlanFacts<'a> {
    pub bureau: &'a Bureau,
    pub scenario: &'a Scenario,
    pub rules: &'a [Rule],
    pub metrics: &'a Metrics,
    /// Hard rules the plan does not meet.
    pub hard_failures: usize,
    /// Soft rules the plan does not meet (a unit over its establishment among them).
    pub soft_failures: usize,
    /// Print the scenario's notes under 改革背景 (the planner ticked 写入文稿).
    pub notes_in_document: bool,
    /// How the attachments are called in this paper: 附件 (the plan alone) or 附表 (the plan
    /// is itself the attachment of a 请示).
    pub attachment_word: &'static str,
}

/// A share as the rules state it: one decimal, never rounded to a whole percent.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// "由A调整为B" with the verb the direction calls for.
fn change(before: u32, after: u32, unit: &str) -> String {
    if after > before {
        format!("由{before}{unit}增加至{after}{unit}")
    } else if after < before {
        format!("由{before}{unit}精简至{after}{unit}")
    } else {
        format!("保持{after}{unit}不变")
    }
}

fn share_change(before: f64, after: f64) -> String {
    let (b, a) = (pct(before), pct(after));
    if a == b {
        format!("保持{a}")
    } else if after > before {
        format!("由{b}提高到{a}")
    } else {
        format!("由{b}调整为{a}")
    }
}

fn rule_min(rules: &[Rule], pick: fn(&RuleKind) -> Option<f64>) -> Option<f64> {
    rules.iter().find_map(|r| pick(&r.kind))
}

/// Every section of the plan, in order.
pub fn plan_sections(f: &PlanFacts<'_>) -> Vec<Section> {
    vec![
        Section {
            key: "background",
            heading: "改革背景和必要性",
            blocks: background(f),
        },
        Section {
            key: "principles",
            heading: "指导思想和基本原则",
            blocks: principles(f),
        },
        Section {
            key: "goals",
            heading: "改革目标",
            blocks: goals(f),
        },
        Section {
            key: "structure",
            heading: "机构设置和主要职责",
            blocks: structure(f),
        },
        Section {
            key: "establishment",
            heading: "人员编制和领导职数",
            blocks: establishment_text(f),
        },
        Section {
            key: "deployment",
            heading: "警力配置",
            blocks: deployment(f),
        },
        Section {
            key: "placement",
            heading: "人员安置",
            blocks: placement(f),
        },
        Section {
            key: "steps",
            heading: "实施步骤",
            blocks: steps(f),
        },
        Section {
            key: "requirements",
            heading: "工作要求",
            blocks: requirements(),
        },
    ]
}

pub(crate) fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

fn background(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    let b = &m.before;
    let (office, grassroots) = unit_counts(&f.bureau.old_units);
    let mut out: Vec<Block> = lines(&f.bureau.info.background).map(Block::Para).collect();
    out.push(Block::Para(format!(
        "{}现有内设机构{office}个、基层所队{grassroots}个，民警{}名、辅警{}名。其中机关民警{}名，基层所队民警{}名；派出所民警{}名，占全局民警的{}，社区民警{}名。",
        f.bureau.info.name,
        m.total_officers,
        m.total_auxiliaries,
        b.office_officers,
        b.grassroots_officers,
        b.station_officers,
        pct(m.station_share_before),
        b.community_officers,
    )));
    let station_min = rule_min(f.rules, |k| match k {
        RuleKind::StationShare { min } => Some(*min),
        _ => None,
    });
    let gap = match station_min {
        Some(min) if m.station_share_before < min => {
            format!("派出所警力占比未达到不低于{}的要求，", rule_pct(min))
        }
        _ => String::new(),
    };
    out.push(Block::Para(format!(
        "现行机构设置存在职能交叉、力量分散、机关警力相对集中等问题，{gap}基层一线警力不足。按照公安机关机构改革和“两个40%”“两个50%”警力配置要求，有必要整合机构职能、精简机关警力、推动警力下沉，构建职责清晰、运转高效的警务运行体系。"
    )));
    if f.notes_in_document {
        out.extend(lines(&f.scenario.notes).map(Block::Para));
    }
    out
}

fn principles(f: &PlanFacts<'_>) -> Vec<Block> {
    let lead = |h: &str, t: &str| Block::Lead {
        heading: h.to_owned(),
        text: t.to_owned(),
    };
    vec![
        Block::Para(format!(
            "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，深入贯彻习近平总书记关于公安工作的重要论述，按照深化公安机关机构改革的部署，以优化协同高效为着力点，整合{}机构职能，推动警力向基层一线倾斜，全面提升公安机关核心战斗力。",
            f.bureau.info.name
        )),
        lead("（一）坚持党的绝对领导。", "坚持党对公安工作的绝对领导，把党的领导贯穿改革全过程和各方面。"),
        lead("（二）坚持精简统一效能。", "科学设置机构，合理配置职能，精简机关、充实基层，做到一类事项原则上由一个部门统筹。"),
        lead("（三）坚持警力下沉、重心下移。", "把警力资源向基层所队和派出所倾斜，落实“两个40%”“两个50%”警力配置要求。"),
        lead("（四）坚持依法依规、平稳有序。", "严格执行机构编制、人事管理等规定，稳步推进机构组建和人员转隶，确保工作不断、队伍不散、秩序不乱。"),
        lead("（五）坚持以人为本、人岗相适。", "统筹考虑民警专业特长、工作经历和本人意愿，做到人岗相适、人尽其才。"),
    ]
}

fn goals(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    let (office_before, _) = unit_counts(&f.bureau.old_units);
    let station_min = rule_min(f.rules, |k| match k {
        RuleKind::StationShare { min } => Some(*min),
        _ => None,
    });
    let community_min = rule_min(f.rules, |k| match k {
        RuleKind::CommunityShare { min } => Some(*min),
        _ => None,
    });
    let reached = |actual: f64, min: Option<f64>| match min {
        Some(min) if actual + 1e-9 >= min => format!("，达到不低于{}的要求", rule_pct(min)),
        Some(min) => format!("，距不低于{}的要求尚有差距", rule_pct(min)),
        None => String::new(),
    };
    let reduction = if m.office_reduction > 0.0 {
        format!("，精简{}", pct(m.office_reduction))
    } else {
        String::new()
    };
    vec![Block::Para(format!(
        "通过改革，内设机构{}；机关民警{}{reduction}；派出所民警占全局民警比例{}{}；社区民警占派出所民警比例达到{}{}。",
        change(office_before, m.office_departments, "个"),
        change(m.before.office_officers, m.after.office_officers, "名"),
        share_change(m.station_share_before, m.station_share),
        reached(m.station_share, station_min),
        pct(m.community_share),
        reached(m.community_share, community_min),
    ))]
}

fn structure(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    let st = &f.scenario.structure;
    let old_name = |id: &str| {
        f.bureau
            .old_unit(id)
            .map_or_else(|| id.to_owned(), |u| u.name.clone())
    };
    let (old_office, old_grassroots) = unit_counts(&f.bureau.old_units);
    let mut out = vec![Block::Para(format!(
        "按照“{}”架构，改革后设内设机构{}个、基层所队{}个，由原{}个单位整合组建。各机构设置及职能对照见{}1。",
        st.name,
        m.office_departments,
        m.grassroots_units,
        old_office.saturating_add(old_grassroots),
        f.attachment_word,
    ))];
    let departments: Vec<_> = st
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
        .collect();
    for (i, d) in departments.iter().enumerate() {
        let subs: Vec<&str> = st
            .units
            .iter()
            .filter(|c| c.parent.as_deref() == Some(d.id.as_str()))
            .map(|c| c.name.as_str())
            .collect();
        let from: Vec<String> = st
            .merge_map
            .iter()
            .filter(|e| e.to.iter().any(|to| st.top_level(to) == d.id))
            .map(|e| old_name(&e.from))
            .collect();
        let mut text = String::new();
        if !from.is_empty() {
            text.push_str(&format!("由原{}整合组建，", from.join("、")));
        }
        text.push_str(match d.operation {
            Operation::Physical => "实体化运行",
            Operation::Virtual => "虚拟化运行",
        });
        if subs.is_empty() {
            text.push('。');
        } else {
            text.push_str(&format!("，内设{}。", subs.join("、")));
        }
        let functions: Vec<String> = lines(&d.functions)
            .map(|l| l.trim_end_matches(['；', '。', ';']).to_owned())
            .collect();
        if !functions.is_empty() {
            text.push_str(&format!("主要职责：{}。", functions.join("；")));
        }
        out.push(Block::Lead {
            heading: format!("（{}）{}。", chinese_count(i + 1), d.name),
            text,
        });
    }
    let stations = st
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Grassroots)
        .count();
    if stations > 0 {
        out.push(Block::Para(format!(
            "基层所队{stations}个，保持原有管辖区域，按照“一村（社区）一警”要求配齐社区民警。"
        )));
    }
    out
}

fn establishment_text(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    let st = &f.scenario.structure;
    let sum = |units: &[bureau_core::Unit]| {
        units
            .iter()
            .filter(|u| u.parent.is_none())
            .map(|u| establishment(units, &u.id))
            .fold((0u32, 0u32), |(o, a), (x, y)| {
                (o.saturating_add(x), a.saturating_add(y))
            })
    };
    let (old_officers, old_aux) = sum(&f.bureau.old_units);
    let (new_officers, new_aux) = sum(&st.units);
    let kept = if (old_officers, old_aux) == (new_officers, new_aux) {
        "编制总量不变".to_owned()
    } else {
        format!(
            "民警编制{}，辅警编制{}",
            change(old_officers, new_officers, "名"),
            change(old_aux, new_aux, "名")
        )
    };
    let before_posts = m.before.head_posts.saturating_add(m.before.deputy_posts);
    let after_posts = m.after.head_posts.saturating_add(m.after.deputy_posts);
    let mut out = vec![Block::Para(format!(
        "改革后，全局核定民警编制{new_officers}名、辅警编制{new_aux}名，{kept}。各机构编制和领导职数分配见{}2。",
        f.attachment_word
    ))];
    let why = if after_posts > before_posts {
        format!(
            "职数增加，主要是新组建部门按“一正{}副”配备领导职数、内设室队中心单独核定职数所致，增加的职数在核定总额内调剂解决",
            if m.after.deputy_posts > m.after.head_posts { "多" } else { "一" }
        )
    } else if after_posts < before_posts {
        "职数减少，主要是机构整合后领导岗位相应归并所致，超出职数的人员按照“中层职数不减、职级不降”的原则逐步消化".to_owned()
    } else {
        "职数总额不变".to_owned()
    };
    out.push(Block::Para(format!(
        "中层领导职数{}（正职{}、副职{}），{why}。",
        change(before_posts, after_posts, "个"),
        change(m.before.head_posts, m.after.head_posts, "个"),
        change(m.before.deputy_posts, m.after.deputy_posts, "个"),
    )));
    out
}

fn deployment(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    vec![
        Block::Para(format!(
            "改革后，机关民警{}，基层所队民警{}，占全局民警比例{}；派出所民警{}，占全局民警比例{}；社区民警{}，占派出所民警比例{}。",
            change(m.before.office_officers, m.after.office_officers, "名"),
            change(m.before.grassroots_officers, m.after.grassroots_officers, "名"),
            share_change(
                if m.total_officers == 0 { 0.0 } else { f64::from(m.before.grassroots_officers) / f64::from(m.total_officers) },
                m.grassroots_share
            ),
            change(m.before.station_officers, m.after.station_officers, "名"),
            share_change(m.station_share_before, m.station_share),
            change(m.before.community_officers, m.after.community_officers, "名"),
            pct(m.community_share),
        )),
        Block::Para(format!(
            "全局辅警{}名，其中机关辅警{}、基层辅警{}。改革前后警力配置对比见{}3。",
            m.total_auxiliaries,
            change(m.before.office_auxiliaries, m.after.office_auxiliaries, "名"),
            change(m.before.grassroots_auxiliaries, m.after.grassroots_auxiliaries, "名"),
            f.attachment_word,
        )),
    ]
    .into_iter()
    .chain(workload_method(f))
    .collect()
}

/// How the stations' officers were measured (警力配置测算), when the bureau has station
/// figures: the method in one sentence and where its table is.
fn workload_method(f: &PlanFacts<'_>) -> Option<Block> {
    let st = &f.scenario.structure;
    if !bureau_core::workload::has_figures(f.bureau, st) {
        return None;
    }
    let (weights, floor) = bureau_core::workload::parameters(f.rules);
    let (method, _) = bureau_core::workload::method_sentence(&weights, floor);
    Some(Block::Para(format!(
        "{method}测算结果见{}6。",
        f.attachment_word
    )))
}

fn placement(f: &PlanFacts<'_>) -> Vec<Block> {
    let m = f.metrics;
    let hard = compliance(f.hard_failures, f.soft_failures, "需进一步调整");
    vec![
        Block::Para(format!(
            "人员随职能整体转隶，中层领导干部“职数不减、职级不降”，采取直接过渡或竞争上岗方式产生；机关非领导职务民警年满50周岁的，按照“五零下沉”要求充实到基层所队。全体人员转隶去向见{}4。",
            f.attachment_word
        )),
        Block::Para(format!(
            "本方案共调整{}人（调整至原单位对应部门以外的人员），其中机关民警下沉基层所队{}人；另有{}人在原单位对应部门内部调配，不计入调整人数。提出本人意愿的{}人中，{}人安排至本人意愿部门。",
            m.moved, m.moved_down, m.moved_within, m.wishes_stated, m.wishes_met
        )),
        Block::Para(reasons_paragraph(f)),
        Block::Para(format!(
            "经核对，{hard}，政策指标核对情况见{}5。",
            f.attachment_word
        )),
    ]
}

/// The people adjusted by reason (调整原因), counted by `bureau_core::move_reasons` as the
/// adjustment list and the solve proposal count them.
fn reasons_paragraph(f: &PlanFacts<'_>) -> String {
    let s = f.scenario;
    let counts =
        MoveReasons::new(f.bureau, &s.structure, f.rules, &s.draft).counts(&s.draft.assignment);
    if counts.is_empty() {
        return "本方案无需调整人员。".to_owned();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(reason, n)| format!("{}{n}人", reason.zh()))
        .collect();
    format!(
        "按调整原因统计：{}。各人调整原因见{}4。",
        parts.join("，"),
        f.attachment_word
    )
}

/// The month `n` months after `start`.
fn add_months(start: YearMonth, n: u32) -> (u32, u32) {
    let index = u32::from(start.year) * 12 + u32::from(start.month).saturating_sub(1) + n;
    (index / 12, index % 12 + 1)
}

fn steps(f: &PlanFacts<'_>) -> Vec<Block> {
    let start = f.bureau.info.as_of;
    let month = |n: u32| {
        let (y, m) = add_months(start, n);
        format!("{y}年{m}月")
    };
    vec![
        Block::Lead {
            heading: format!("（一）动员部署阶段（{}）。", month(0)),
            text: "成立机构改革工作领导小组，召开动员部署会议，统一思想认识，开展政策宣讲和民警思想摸底。".into(),
        },
        Block::Lead {
            heading: format!("（二）组织实施阶段（{}至{}）。", month(0), month(1)),
            text: "完成机构组建、人员转隶和挂牌运行，同步调整办公用房、装备和档案移交，确保各项工作有序衔接。".into(),
        },
        Block::Lead {
            heading: format!("（三）总结评估阶段（{}）。", month(2)),
            text: "对改革落实情况进行全面评估，及时解决运行中出现的问题，完善配套制度。".into(),
        },
    ]
}

fn requirements() -> Vec<Block> {
    let lead = |h: &str, t: &str| Block::Lead {
        heading: h.to_owned(),
        text: t.to_owned(),
    };
    vec![
        lead("（一）加强组织领导。", "各部门主要负责同志是本部门改革工作第一责任人，要切实履行职责，确保改革任务按期完成。"),
        lead("（二）严明工作纪律。", "严格执行机构编制、干部人事、财经和保密纪律，不得突击提拔干部、突击进人，不得借机转移、挪用资产。"),
        lead("（三）做好思想政治工作。", "深入细致做好民警思想工作，及时掌握队伍思想动态，引导民警正确对待个人利益。"),
        lead("（四）确保平稳过渡。", "统筹推进改革与日常工作，确保工作不断、队伍不散、秩序不乱。"),
    ]
}

/// 一, 二, … for the run-in headings (sections have at most a few dozen departments).
pub fn chinese_count(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// How far the plan meets the policy rules, in the paper's words: it claims compliance only
/// when no rule fails, and says how many hard and how many soft rules do not hold otherwise.
pub fn compliance(hard_failures: usize, soft_failures: usize, next: &str) -> String {
    match (hard_failures, soft_failures) {
        (0, 0) => "各项政策指标均已满足".to_owned(),
        (0, soft) => format!("刚性政策指标均已满足，尚有{soft}项其他指标未完全达到，{next}"),
        (hard, 0) => format!("尚有{hard}项刚性政策指标未满足，{next}"),
        (hard, soft) => {
            format!("尚有{hard}项刚性政策指标未满足、{soft}项其他指标未完全达到，{next}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_months_read_as_written() {
        assert_eq!(chinese_count(3), "三");
        assert_eq!(chinese_count(12), "十二");
        assert_eq!(chinese_count(20), "二十");
        let start = YearMonth::new(2026, 11).expect("month");
        assert_eq!(add_months(start, 2), (2027, 1));
        assert_eq!(change(88, 98, "个"), "由88个增加至98个");
        assert_eq!(pct(0.546), "54.6%");
    }

    #[test]
    fn compliance_is_claimed_only_when_no_rule_fails() {
        assert_eq!(compliance(0, 0, "需进一步调整"), "各项政策指标均已满足");
        assert_eq!(
            compliance(0, 2, "需进一步调整"),
            "刚性政策指标均已满足，尚有2项其他指标未完全达到，需进一步调整"
        );
        assert_eq!(
            compliance(1, 0, "需进一步研究"),
            "尚有1项刚性政策指标未满足，需进一步研究"
        );
        assert!(compliance(1, 3, "需进一步调整").contains("1项刚性政策指标未满足、3项其他指标"));
    }
}
