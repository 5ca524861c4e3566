//! The planner's own text of the paper. `sections` writes each section's default; this module
//! cuts every section into paragraphs with stable keys (`background`, `guiding_idea`,
//! `principles`, `department.<unit id>`, `posts`, … and `request` for the 请示's body), puts the
//! planner's version in place of a default by its key, and writes the 实施步骤 from the
//! planner's phases when there are any. The defaults are never rewritten here, only wrapped:
//! a paragraph's default is whatever its section's generator writes today, so a planner's
//! paragraph whose default has changed since they wrote it is *stale* (the data behind it
//! moved) and the 文稿 panel says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sections::{chinese_count, lines, Block, PlanFacts, Section};
use super::settings::DocDate;
use bureau_core::limits::forbidden_char;
use bureau_core::Tier;

/// The most characters a planner's paragraph (all its lines) may hold.
pub const MAX_PARAGRAPH_CHARS: usize = 5_000;
/// The most phases the 实施步骤 may list (reform plans give two to four).
pub const MAX_PHASES: usize = 8;
/// The most characters of a phase's name.
pub const MAX_PHASE_NAME_CHARS: usize = 40;
/// The most characters of what happens in a phase.
pub const MAX_PHASE_WORK_CHARS: usize = 1_000;

/// A paragraph the planner rewrote: their text, and the default it replaced as the default
/// read when they wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ParagraphText {
    pub key: String,
    pub text: String,
    pub default_when_edited: String,
}

/// One phase of the 实施步骤: its name (动员部署阶段), its dates and what happens in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub name: String,
    pub start: DocDate,
    pub end: DocDate,
    pub work: String,
}

/// Everything the planner wrote into a scenario's paper.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentText {
    pub paragraphs: Vec<ParagraphText>,
    /// Empty: the 实施步骤 generated from the bureau's base month.
    pub phases: Vec<Phase>,
}

impl DocumentText {
    fn paragraph(&self, key: &str) -> Option<&ParagraphText> {
        self.paragraphs.iter().find(|p| p.key == key)
    }
}

/// A planner's text or phase refused: the field (`text`, `phases[2].end` …) and what was
/// expected, in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub field: String,
    pub expected_en: String,
    pub expected_zh: String,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.field, self.expected_en, self.expected_zh
        )
    }
}

fn refuse(field: impl Into<String>, en: impl Into<String>, zh: impl Into<String>) -> TextError {
    TextError {
        field: field.into(),
        expected_en: en.into(),
        expected_zh: zh.into(),
    }
}

fn check_text(
    field: &str,
    text: &str,
    max: usize,
    multi_line: bool,
    required: bool,
) -> Result<(), TextError> {
    if let Some(what) = forbidden_char(text, multi_line) {
        return Err(refuse(field, what, "含有不允许的控制字符"));
    }
    let chars = text.chars().count();
    if chars > max {
        return Err(refuse(
            field,
            format!("at most {max} characters, got {chars}"),
            format!("不超过{max}个字符（现为{chars}个）"),
        ));
    }
    if required && text.trim().is_empty() {
        return Err(refuse(field, "a text", "不能为空"));
    }
    Ok(())
}

/// Checks a planner's paragraph before it is stored.
pub fn check_paragraph(text: &str) -> Result<(), TextError> {
    check_text("text", text, MAX_PARAGRAPH_CHARS, true, true)
}

/// Checks the phases before they are stored: names and dates required, each phase ending on
/// or after the day it starts.
pub fn check_phases(phases: &[Phase]) -> Result<(), TextError> {
    if phases.len() > MAX_PHASES {
        return Err(refuse(
            "phases",
            format!("at most {MAX_PHASES} phases, got {}", phases.len()),
            format!("不超过{MAX_PHASES}个阶段（现为{}个）", phases.len()),
        ));
    }
    for (i, p) in phases.iter().enumerate() {
        let at = |field: &str| format!("phases[{}].{field}", i + 1);
        check_text(&at("name"), &p.name, MAX_PHASE_NAME_CHARS, false, true)?;
        check_text(&at("work"), &p.work, MAX_PHASE_WORK_CHARS, true, false)?;
        for (field, date) in [("start", p.start), ("end", p.end)] {
            if !date.is_valid() {
                return Err(refuse(
                    at(field),
                    "a calendar date between 1900 and 2100",
                    "须为1900年至2100年间的有效日期",
                ));
            }
        }
        if (p.end.year, p.end.month, p.end.day) < (p.start.year, p.start.month, p.start.day) {
            return Err(refuse(
                at("end"),
                "a date on or after the start",
                "结束日期不能早于开始日期",
            ));
        }
    }
    Ok(())
}

/// Where a paragraph's default comes from, for the 文稿 panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "TextSource")]
pub enum Source {
    /// Written from the data here: the planner may replace it by its key.
    Generated,
    /// The bureau's own background (本局信息), edited there.
    BureauBackground,
    /// The scenario's notes, printed because the planner ticked 写入文稿.
    Notes,
    /// The 实施步骤, edited as phases.
    Phases,
}

/// A run of a section's blocks under one key (or none, for text edited elsewhere).
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    key: Option<String>,
    source: Source,
    /// A run-in heading kept out of the planner's text (a department's （一）刑事侦查部。).
    label: Option<String>,
    blocks: Vec<Block>,
}

fn piece(key: &str, blocks: &[Block]) -> Piece {
    Piece {
        key: Some(key.to_owned()),
        source: Source::Generated,
        label: None,
        blocks: blocks.to_vec(),
    }
}

fn fixed(source: Source, blocks: &[Block]) -> Piece {
    Piece {
        key: None,
        source,
        label: None,
        blocks: blocks.to_vec(),
    }
}

/// The top-level office departments in the order `sections::structure` writes them.
fn department_ids(f: &PlanFacts<'_>) -> Vec<String> {
    f.scenario
        .structure
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == Tier::Office)
        .map(|u| u.id.clone())
        .collect()
}

/// A section cut into keyed pieces. A section this module does not know is one piece under
/// the section's own key, so a section added later is editable as a whole.
fn pieces(f: &PlanFacts<'_>, s: &Section, phases: &[Phase]) -> Vec<Piece> {
    let b = &s.blocks;
    let mut out = Vec::new();
    match s.key {
        "background" => {
            let own = lines(&f.bureau.info.background).count().min(b.len());
            let notes = if f.notes_in_document {
                lines(&f.scenario.notes).count()
            } else {
                0
            };
            let generated_end = b.len().saturating_sub(notes).max(own);
            out.push(fixed(Source::BureauBackground, &b[..own]));
            out.push(piece("background", &b[own..generated_end]));
            out.push(fixed(Source::Notes, &b[generated_end..]));
        }
        "principles" => {
            let split = 1.min(b.len());
            out.push(piece("guiding_idea", &b[..split]));
            out.push(piece("principles", &b[split..]));
        }
        "structure" => {
            let ids = department_ids(f);
            let mut leads = 0usize;
            let mut intro = Vec::new();
            let mut after = Vec::new();
            for block in b {
                match block {
                    Block::Lead { heading, text } => {
                        let key = ids.get(leads).map_or_else(
                            || format!("department.{}", leads + 1),
                            |id| format!("department.{id}"),
                        );
                        leads += 1;
                        out.push(Piece {
                            key: Some(key),
                            source: Source::Generated,
                            label: Some(heading.clone()),
                            blocks: vec![Block::Para(text.clone())],
                        });
                    }
                    other if leads == 0 => intro.push(other.clone()),
                    other => after.push(other.clone()),
                }
            }
            out.insert(0, piece("structure", &intro));
            out.push(piece("grassroots", &after));
        }
        "establishment" => {
            let split = 1.min(b.len());
            out.push(piece("establishment", &b[..split]));
            out.push(piece("posts", &b[split..]));
        }
        "steps" => {
            let blocks = if phases.is_empty() {
                b.clone()
            } else {
                phase_blocks(phases)
            };
            out.push(fixed(Source::Phases, &blocks));
        }
        key => out.push(piece(key, b)),
    }
    out.retain(|p| !p.blocks.is_empty());
    out
}

/// A phase's dates as the paper writes them: 2026年11月1日至11月30日 (the year once when both
/// dates share it).
fn phase_dates(p: &Phase) -> String {
    if p.start == p.end {
        return p.start.written();
    }
    let end = if p.end.year == p.start.year {
        format!("{}月{}日", p.end.month, p.end.day)
    } else {
        p.end.written()
    };
    format!("{}至{end}", p.start.written())
}

/// The 实施步骤 from the planner's phases: （一）name（dates）。 then what happens.
fn phase_blocks(phases: &[Phase]) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, p) in phases.iter().enumerate() {
        let name = p.name.trim().trim_end_matches(['。', '.', '．', '；', ';']);
        let mut work = lines(&p.work);
        out.push(Block::Lead {
            heading: format!("（{}）{name}（{}）。", chinese_count(i + 1), phase_dates(p)),
            text: work.next().unwrap_or_default(),
        });
        out.extend(work.map(Block::Para));
    }
    out
}

/// The phases a planner starts from: the generated steps' three phases, dated from the
/// bureau's base month.
pub fn default_phases(f: &PlanFacts<'_>) -> Vec<Phase> {
    let start = f.bureau.info.as_of;
    let month = |n: u32, last: bool| {
        let index = u32::from(start.year) * 12 + u32::from(start.month).saturating_sub(1) + n;
        let mut d = DocDate {
            year: u16::try_from(index / 12).unwrap_or(2100),
            month: u8::try_from(index % 12 + 1).unwrap_or(12),
            day: 1,
        };
        if last {
            d.day = d.days_in_month();
        }
        d
    };
    vec![
        Phase {
            name: "动员部署阶段".into(),
            start: month(0, false),
            end: month(0, true),
            work: "成立机构改革工作领导小组，召开动员部署会议，统一思想认识，开展政策宣讲和民警思想摸底。".into(),
        },
        Phase {
            name: "组织实施阶段".into(),
            start: month(0, false),
            end: month(1, true),
            work: "完成机构组建、人员转隶和挂牌运行，同步调整办公用房、装备和档案移交，确保各项工作有序衔接。".into(),
        },
        Phase {
            name: "总结评估阶段".into(),
            start: month(2, false),
            end: month(2, true),
            work: "对改革落实情况进行全面评估，及时解决运行中出现的问题，完善配套制度。".into(),
        },
    ]
}

/// Blocks as the planner edits them: one paragraph a line, run-in headings inline.
fn text_of(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(t) | Block::Sub(t) => t.clone(),
            Block::Lead { heading, text } => format!("{heading}{text}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A run-in heading at the start of a line: （一）…。 up to its first full stop.
fn run_in_heading(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('（')?;
    let close = rest.find('）')?;
    let numeral = &rest[..close];
    if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    let stop = line.find('。')?;
    let end = stop + '。'.len_utf8();
    Some((line[..end].to_owned(), line[end..].to_owned()))
}

/// The planner's text as blocks: a line each, a line opening with （一）…。 set as a run-in
/// heading like the defaults; `label` (a department's heading) leads the first line.
fn blocks_of(text: &str, label: Option<&str>) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, line) in lines(text).enumerate() {
        match (i, label) {
            (0, Some(heading)) => out.push(Block::Lead {
                heading: heading.to_owned(),
                text: line,
            }),
            _ => out.push(match run_in_heading(&line) {
                Some((heading, text)) => Block::Lead { heading, text },
                None => Block::Para(line),
            }),
        }
    }
    out
}

/// A piece as printed: the planner's text in place of the default when there is one.
fn printed(p: &Piece, text: &DocumentText) -> Vec<Block> {
    match (&p.key, &p.label) {
        (Some(key), label) => match text.paragraph(key) {
            Some(own) => blocks_of(&own.text, label.as_deref()),
            None => match label {
                Some(heading) => vec![Block::Lead {
                    heading: heading.clone(),
                    text: text_of(&p.blocks),
                }],
                None => p.blocks.clone(),
            },
        },
        (None, _) => p.blocks.clone(),
    }
}

/// The plan's sections as printed: every default the planner replaced replaced, and the
/// 实施步骤 from their phases.
pub fn apply(f: &PlanFacts<'_>, sections: Vec<Section>, text: &DocumentText) -> Vec<Section> {
    sections
        .into_iter()
        .map(|s| {
            let blocks = pieces(f, &s, &text.phases)
                .iter()
                .flat_map(|p| printed(p, text))
                .collect();
            Section { blocks, ..s }
        })
        .collect()
}

/// The key of the 请示's body.
pub const REQUEST_KEY: &str = "request";

/// The 请示's body paragraphs as printed: the planner's when they wrote one.
pub fn apply_request(body: Vec<String>, text: &DocumentText) -> Vec<String> {
    match text.paragraph(REQUEST_KEY) {
        Some(own) => lines(&own.text).collect(),
        None => body,
    }
}

/// One paragraph in the 文稿 panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextParagraph {
    /// `None`: edited elsewhere (本局信息, the notes, the phase editor).
    pub key: Option<String>,
    pub source: Source,
    /// The run-in heading printed before the text (a department's name), not edited here.
    pub label: Option<String>,
    /// What the data write today, a paragraph a line.
    pub default: String,
    /// The planner's version, when there is one.
    pub text: Option<String>,
    /// The default the planner's version replaced, as it read then.
    pub default_when_edited: Option<String>,
    /// True when today's default differs from `default_when_edited`: the data behind the
    /// paragraph changed since the planner wrote it.
    pub stale: bool,
}

/// One section in the 文稿 panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextSection {
    pub key: String,
    /// 一、改革背景和必要性 …; the 请示's body has the 请示 as its heading.
    pub heading: String,
    pub paragraphs: Vec<TextParagraph>,
}

fn panel_paragraph(p: &Piece, text: &DocumentText) -> TextParagraph {
    let default = text_of(&p.blocks);
    let own = p.key.as_deref().and_then(|k| text.paragraph(k));
    TextParagraph {
        key: p.key.clone(),
        source: p.source,
        label: p.label.clone(),
        stale: own.is_some_and(|o| o.default_when_edited != default),
        text: own.map(|o| o.text.clone()),
        default_when_edited: own.map(|o| o.default_when_edited.clone()),
        default,
    }
}

/// The paper's text as the 文稿 panel lists it: the 请示's body first, then the plan's
/// sections, each paragraph with its default, the planner's version and whether it is stale.
pub fn panel(
    f: &PlanFacts<'_>,
    request_body: &[String],
    sections: &[Section],
    text: &DocumentText,
) -> Vec<TextSection> {
    let request = Piece {
        key: Some(REQUEST_KEY.to_owned()),
        source: Source::Generated,
        label: None,
        blocks: request_body.iter().cloned().map(Block::Para).collect(),
    };
    let mut out = vec![TextSection {
        key: REQUEST_KEY.to_owned(),
        heading: "请示".to_owned(),
        paragraphs: vec![panel_paragraph(&request, text)],
    }];
    for (i, s) in sections.iter().enumerate() {
        out.push(TextSection {
            key: s.key.to_owned(),
            heading: format!("{}、{}", chinese_count(i + 1), s.heading),
            paragraphs: pieces(f, s, &text.phases)
                .iter()
                .map(|p| panel_paragraph(p, text))
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_headings_round_trip_through_the_planners_text() {
        let blocks = vec![
            Block::Lead {
                heading: "（一）坚持党的绝对领导。".into(),
                text: "坚持党对公安工作的绝对领导。".into(),
            },
            Block::Para("（注）不是标题".into()),
            Block::Lead {
                heading: "（十二）动员部署阶段（2026年11月）。".into(),
                text: String::new(),
            },
        ];
        assert_eq!(blocks_of(&text_of(&blocks), None), blocks);
        assert_eq!(
            blocks_of("第一行\n\n  第二行  ", Some("（一）刑事侦查部。")),
            vec![
                Block::Lead {
                    heading: "（一）刑事侦查部。".into(),
                    text: "第一行".into()
                },
                Block::Para("第二行".into()),
            ]
        );
    }

    #[test]
    fn phases_print_their_dates_once_per_year_and_are_checked() {
        let d = |year, month, day| DocDate { year, month, day };
        let phases = vec![
            Phase {
                name: "动员部署阶段。".into(),
                start: d(2026, 12, 1),
                end: d(2027, 1, 15),
                work: "召开动员会。\n开展摸底。".into(),
            },
            Phase {
                name: "挂牌运行".into(),
                start: d(2027, 2, 1),
                end: d(2027, 2, 1),
                work: String::new(),
            },
            Phase {
                name: "总结评估".into(),
                start: d(2027, 3, 1),
                end: d(2027, 3, 31),
                work: "评估。".into(),
            },
        ];
        assert_eq!(
            phase_blocks(&phases),
            vec![
                Block::Lead {
                    heading: "（一）动员部署阶段（2026年12月1日至2027年1月15日）。".into(),
                    text: "召开动员会。".into()
                },
                Block::Para("开展摸底。".into()),
                Block::Lead {
                    heading: "（二）挂牌运行（2027年2月1日）。".into(),
                    text: String::new()
                },
                Block::Lead {
                    heading: "（三）总结评估（2027年3月1日至3月31日）。".into(),
                    text: "评估。".into()
                },
            ]
        );
        assert_eq!(check_phases(&phases), Ok(()));
        let mut backwards = phases.clone();
        backwards[1].end = d(2027, 1, 31);
        let e = check_phases(&backwards).expect_err("end before start");
        assert_eq!(e.field, "phases[2].end");
        assert!(e.to_string().contains("结束日期不能早于开始日期"));
        let mut nameless = phases.clone();
        nameless[2].name = "  ".into();
        assert_eq!(
            check_phases(&nameless).expect_err("no name").field,
            "phases[3].name"
        );
        let mut bad_day = phases;
        bad_day[0].start = d(2027, 2, 29);
        assert_eq!(
            check_phases(&bad_day).expect_err("no such day").field,
            "phases[1].start"
        );
        assert_eq!(check_paragraph("  \n ").expect_err("empty").field, "text");
        assert!(check_paragraph("一\u{7}二").is_err());
        assert_eq!(check_paragraph("第一段\n第二段"), Ok(()));
    }
}
