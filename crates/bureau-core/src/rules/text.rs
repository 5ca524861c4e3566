//! What each rule says and where it comes from, in zh-CN and en (for reports and the CLI; the
//! UI has its own i18n files keyed by rule type).

use super::RuleKind;
use crate::model::Structure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

/// A share as a percentage with the precision it was given: 0.546 → "54.6%", 0.4 → "40%",
/// 0.5465 → "54.65%". Rounded to four decimals of a percent, which hides the binary
/// representation's noise (0.546 × 100 = 54.600000000000001) and no precision a planner types.
pub fn pct(x: f64) -> String {
    let rounded = (x * 100.0 * 10_000.0).round() / 10_000.0;
    // `{}` prints the shortest form that reads back the same value: no trailing zeros.
    format!("{}%", rounded + 0.0)
}

pub fn describe(kind: &RuleKind, lang: Lang) -> String {
    use RuleKind::*;
    match (kind, lang) {
        (StationShare { min }, Lang::ZhCn) => {
            format!("派出所民警占全局民警比例不低于{}", pct(*min))
        }
        (StationShare { min }, Lang::En) => {
            format!("station officers ≥ {} of all officers", pct(*min))
        }
        (CommunityShare { min }, Lang::ZhCn) => {
            format!("社区民警占派出所民警比例不低于{}", pct(*min))
        }
        (CommunityShare { min }, Lang::En) => {
            format!("community police ≥ {} of station officers", pct(*min))
        }
        (StationCommunityShare { min }, Lang::ZhCn) => {
            format!("每个派出所社区民警占比不低于{}", pct(*min))
        }
        (StationCommunityShare { min }, Lang::En) => format!(
            "community police ≥ {} of each station's officers",
            pct(*min)
        ),
        (GridCoverage, Lang::ZhCn) => "一村（格）一警：每个警务区至少一名警力".into(),
        (GridCoverage, Lang::En) => "one officer or auxiliary per village or grid".into(),
        (
            UnitHeadcount {
                unit,
                category,
                min,
                max,
            },
            lang,
        ) => {
            let who = match (category, lang) {
                (crate::model::Category::Officer, Lang::ZhCn) => "民警",
                (crate::model::Category::Auxiliary, Lang::ZhCn) => "辅警",
                (crate::model::Category::Officer, Lang::En) => "officers",
                (crate::model::Category::Auxiliary, Lang::En) => "auxiliaries",
            };
            let lo = min.map_or("0".to_owned(), |m| m.to_string());
            let hi = max.map_or("∞".to_owned(), |m| m.to_string());
            match lang {
                Lang::ZhCn => format!("{unit}{who}人数在 {lo}–{hi} 之间"),
                Lang::En => format!("{who} in {unit} between {lo} and {hi}"),
            }
        }
        (PostsWithinLimits, Lang::ZhCn) => "各单位中层正副职人数不超过职数".into(),
        (PostsWithinLimits, Lang::En) => "mid-level cadres in each unit within its posts".into(),
        (TotalPostsKept, Lang::ZhCn) => "中层职数总数不减少".into(),
        (TotalPostsKept, Lang::En) => "total mid-level posts not reduced".into(),
        (OfficeReduction { min }, Lang::ZhCn) => format!("机关民警精简不少于{}", pct(*min)),
        (OfficeReduction { min }, Lang::En) => {
            format!("office officers reduced by ≥ {}", pct(*min))
        }
        (SeniorsToGrassroots { age }, Lang::ZhCn) => {
            format!("机关{age}岁以上非领导民警优先下沉基层")
        }
        (SeniorsToGrassroots { age }, Lang::En) => {
            format!("office non-leader officers aged {age}+ go to the grassroots")
        }
        (ProfessionalGradeForOffice, Lang::ZhCn) => "民警进机关须持专业等级资格".into(),
        (ProfessionalGradeForOffice, Lang::En) => {
            "officers entering an office unit hold a professional grade".into()
        }
        (
            SpecialityCoverage {
                unit,
                speciality,
                min,
            },
            Lang::ZhCn,
        ) => format!("{unit}具备{speciality}专长的民警不少于{min}人"),
        (
            SpecialityCoverage {
                unit,
                speciality,
                min,
            },
            Lang::En,
        ) => format!("{unit} has ≥ {min} officers with speciality {speciality}"),
        (AuxiliaryRatio { unit, min, max }, Lang::ZhCn) => {
            format!("{unit}警辅比在 1:{min}–1:{max} 之间")
        }
        (AuxiliaryRatio { unit, min, max }, Lang::En) => {
            format!("auxiliaries per officer in {unit} between {min} and {max}")
        }
        (MoveCap { max }, Lang::ZhCn) => format!("调整人数不超过{max}人"),
        (MoveCap { max }, Lang::En) => format!("at most {max} people moved"),
        (UnitEstablishment, Lang::ZhCn) => "各单位（含下设机构）民警、辅警人数不超过编制".into(),
        (UnitEstablishment, Lang::En) => {
            "officers and auxiliaries of each unit (sub-units included) within its establishment"
                .into()
        }
        (UnitMinimum { min, units }, Lang::ZhCn) if units.is_empty() => {
            format!("各单位民警不少于{min}人（不超过编制）")
        }
        (UnitMinimum { min, .. }, Lang::ZhCn) => {
            format!("各单位民警不少于{min}人（部分单位另定，不超过编制）")
        }
        (UnitMinimum { min, units }, Lang::En) if units.is_empty() => {
            format!("each unit keeps ≥ {min} officers (within its establishment)")
        }
        (UnitMinimum { min, .. }, Lang::En) => {
            format!("each unit keeps ≥ {min} officers (some units set apart; within establishment)")
        }
        (
            StationWorkload {
                min_officers, band, ..
            },
            Lang::ZhCn,
        ) => {
            let within = band_text(band.as_ref(), Lang::ZhCn);
            format!("各派出所民警数按警力配置测算需求配置（每所不少于{min_officers}人{within}）")
        }
        (
            StationWorkload {
                min_officers, band, ..
            },
            Lang::En,
        ) => {
            let within = band_text(band.as_ref(), Lang::En);
            format!(
                "each station's officers follow its workload demand (at least {min_officers} each{within})"
            )
        }
        (
            SquadWorkload {
                min_officers, band, ..
            },
            Lang::ZhCn,
        ) => {
            let within = band_text(band.as_ref(), Lang::ZhCn);
            format!("各交警中队民警数按警力配置测算需求配置（每队不少于{min_officers}人{within}）")
        }
        (
            SquadWorkload {
                min_officers, band, ..
            },
            Lang::En,
        ) => {
            let within = band_text(band.as_ref(), Lang::En);
            format!(
                "each traffic squad's officers follow its workload demand (at least {min_officers} each{within})"
            )
        }
        (
            EntryRequirement {
                unit,
                requires,
                share,
            },
            lang,
        ) => entry_text(unit, requires, *share, lang),
    }
}

fn entry_text(unit: &str, requires: &super::Requirement, share: f64, lang: Lang) -> String {
    use super::Requirement;
    use crate::model::Qualification;
    let what = match (requires, lang) {
        (Requirement::Speciality(s), Lang::ZhCn) => format!("{s}专长"),
        (Requirement::Speciality(s), Lang::En) => format!("the {s} speciality"),
        (Requirement::Qualification(Qualification::Legal), Lang::ZhCn) => "法律职业资格".into(),
        (Requirement::Qualification(Qualification::Legal), Lang::En) => {
            "a legal professional qualification".into()
        }
        (Requirement::Qualification(Qualification::ProfessionalGrade), Lang::ZhCn) => {
            "专业等级资格".into()
        }
        (Requirement::Qualification(Qualification::ProfessionalGrade), Lang::En) => {
            "a professional grade".into()
        }
    };
    let whole = share >= 1.0;
    match (lang, whole) {
        (Lang::ZhCn, true) => format!("调入{unit}的民警须具备{what}"),
        (Lang::ZhCn, false) => format!("调入{unit}的民警中具备{what}的不少于{}", pct(share)),
        (Lang::En, true) => format!("officers moved into {unit} hold {what}"),
        (Lang::En, false) => format!("≥ {} of officers moved into {unit} hold {what}", pct(share)),
    }
}

pub fn source(kind: &RuleKind, lang: Lang) -> &'static str {
    use RuleKind::*;
    match (kind, lang) {
        (
            StationShare { .. }
            | CommunityShare { .. }
            | StationCommunityShare { .. }
            | GridCoverage,
            lang,
        ) => match lang {
            Lang::ZhCn => "公安部《派出所工作三年行动计划（2023—2025年）》",
            Lang::En => {
                "Ministry of Public Security, three-year action plan for police stations (2023–2025)"
            }
        },
        (PostsWithinLimits | TotalPostsKept, Lang::ZhCn) => "改革实践：中层职数不减、职级不降",
        (PostsWithinLimits | TotalPostsKept, Lang::En) => {
            "reform practice: mid-level posts not reduced, ranks not lowered"
        }
        (StationWorkload { .. }, Lang::ZhCn) => {
            "改革实践：根据辖区人口、面积、警情、案件等因素科学测算警力需求"
        }
        (StationWorkload { .. }, Lang::En) => {
            "reform practice: staffing measured from population, area, calls and cases"
        }
        (SquadWorkload { .. }, Lang::ZhCn) => {
            "改革实践：根据道路里程、交通事故、交通警情、机动车保有量等因素测算交警警力需求"
        }
        (SquadWorkload { .. }, Lang::En) => {
            "reform practice: traffic staffing measured from road length, accidents, traffic calls and vehicles"
        }
        (OfficeReduction { .. }, Lang::ZhCn) => "改革实践：精简机关",
        (OfficeReduction { .. }, Lang::En) => "reform practice: slimming the headquarters",
        (SeniorsToGrassroots { .. }, Lang::ZhCn) => "改革实践：五零下沉",
        (SeniorsToGrassroots { .. }, Lang::En) => {
            "reform practice: officers aged 50+ go down first"
        }
        (ProfessionalGradeForOffice, Lang::ZhCn) => "改革实践：民警进机关须持专业等级资格",
        (ProfessionalGradeForOffice, Lang::En) => {
            "reform practice: professional grade required for the office"
        }
        (EntryRequirement { .. }, Lang::ZhCn) => "改革实践：尊重民警专长，按岗位准入要求调配",
        (EntryRequirement { .. }, Lang::En) => {
            "reform practice: officers placed by their specialities and the post's requirements"
        }
        (
            UnitHeadcount { .. }
            | SpecialityCoverage { .. }
            | AuxiliaryRatio { .. }
            | MoveCap { .. }
            | UnitEstablishment
            | UnitMinimum { .. },
            lang,
        ) => match lang {
            Lang::ZhCn => "本方案机构设置",
            Lang::En => "the plan's own structure",
        },
    }
}

/// [`describe`] with the unit a rule names shown by its name in `structure` (the reader does
/// not know ids like `d-cmd`).
pub fn describe_in(kind: &RuleKind, lang: Lang, structure: &Structure) -> String {
    let name = kind
        .unit()
        .and_then(|id| structure.unit(id))
        .map(|u| u.name.clone());
    let mut named = kind.clone();
    if let Some(name) = name {
        match &mut named {
            RuleKind::UnitHeadcount { unit, .. }
            | RuleKind::SpecialityCoverage { unit, .. }
            | RuleKind::AuxiliaryRatio { unit, .. }
            | RuleKind::EntryRequirement { unit, .. } => *unit = name,
            _ => {}
        }
    }
    describe(&named, lang)
}

/// A workload rule's tolerance as the clause that ends its sentence; empty without one.
fn band_text(band: Option<&crate::workload::WorkloadBand>, lang: Lang) -> String {
    use crate::workload::WorkloadBand::{Officers, Percent};
    match (band, lang) {
        (None, _) => String::new(),
        (Some(Officers { k }), Lang::ZhCn) => format!("，偏差不超过{k}人"),
        (Some(Percent { x }), Lang::ZhCn) => format!("，偏差不超过{}", pct(*x)),
        (Some(Officers { k }), Lang::En) => format!(", within ±{k}"),
        (Some(Percent { x }), Lang::En) => format!(", within ±{}", pct(*x)),
    }
}
