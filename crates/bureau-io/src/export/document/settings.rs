//! How a scenario's paper is issued (GB/T 9704 版头, 署名 and 版记): which document, 稿别,
//! 发文机关, 文号, 签发人, 密级, 份号, 紧急程度, 主送, 抄送, 印发, 署名, dates, 联系人, and whether the
//! scenario's notes are written into the text. Defaults come from the bureau itself; every
//! field is validated with its name and what was expected, in Chinese and English.

use bureau_core::limits::forbidden_char;
use bureau_core::Bureau;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which paper to produce from the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 《…机构改革实施方案》 alone.
    #[default]
    Plan,
    /// 《关于〈…〉的请示》 with the plan as its attachment.
    RequestWithPlan,
}

/// 稿别, printed in brackets under the plan's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DraftMark {
    None,
    /// 送审稿
    #[default]
    ForReview,
    /// 征求意见稿
    ForComment,
    /// 审议稿
    ForDeliberation,
}

impl DraftMark {
    pub fn label(self) -> Option<&'static str> {
        match self {
            DraftMark::None => None,
            DraftMark::ForReview => Some("送审稿"),
            DraftMark::ForComment => Some("征求意见稿"),
            DraftMark::ForDeliberation => Some("审议稿"),
        }
    }
}

/// 密级. Personnel lists name people, so the default is a marking, never none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    None,
    /// 内部
    #[default]
    Internal,
    /// 秘密
    Secret,
    /// 机密
    Confidential,
}

impl Classification {
    pub fn label(self) -> Option<&'static str> {
        match self {
            Classification::None => None,
            Classification::Internal => Some("内部"),
            Classification::Secret => Some("秘密"),
            Classification::Confidential => Some("机密"),
        }
    }

    /// A state secret carries a 保密期限 and a 份号.
    pub fn is_secret(self) -> bool {
        matches!(self, Classification::Secret | Classification::Confidential)
    }
}

/// 紧急程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    #[default]
    None,
    /// 加急
    Urgent,
    /// 特急
    VeryUrgent,
}

impl Urgency {
    pub fn label(self) -> Option<&'static str> {
        match self {
            Urgency::None => None,
            Urgency::Urgent => Some("加急"),
            Urgency::VeryUrgent => Some("特急"),
        }
    }
}

/// A calendar date as the planner picks it; written 2026年12月5日 in the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DocDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl DocDate {
    pub fn written(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    pub(crate) fn days_in_month(self) -> u8 {
        match self.month {
            2 if (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
                || self.year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    pub(crate) fn is_valid(self) -> bool {
        (1900..=2100).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= self.days_in_month()
    }
}

/// Every choice of the export dialog (and of `planner export docx`), stored per scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DocumentSettings {
    pub kind: DocumentKind,
    pub draft_mark: DraftMark,
    /// 发文机关 (also the red 发文机关标志).
    pub issuer: String,
    /// 发文字号, e.g. 某公〔2026〕12号.
    pub document_number: String,
    /// 签发人 (a 请示 names its signer on the 文号 line).
    pub signer: String,
    pub classification: Classification,
    /// 保密期限 after the ★, e.g. 1年; only for 秘密 and 机密.
    pub secrecy_period: String,
    /// 份号: six digits, printed when the paper is a state secret.
    pub copy_number: String,
    pub urgency: Urgency,
    /// 主送机关, printed with a full-width colon.
    pub addressee: String,
    /// 抄送机关; empty: no 抄送 line in the 版记.
    pub copied_to: String,
    /// 印发机关 and 印发日期 in the 版记.
    pub printed_by: String,
    pub printed_on: DocDate,
    /// 署名 above the 成文日期.
    pub signature: String,
    pub written_on: DocDate,
    /// 联系人 and 电话 of a 请示's 附注.
    pub contact: String,
    pub phone: String,
    /// 写入文稿: the scenario's notes are printed under 改革背景 only when ticked.
    pub notes_in_document: bool,
}

/// The most characters a single-line field may hold: a 主送 line of several organs fits.
pub const MAX_FIELD_CHARS: usize = 120;

/// A field refused, named as the dialog and the settings file name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub field: &'static str,
    pub expected_zh: String,
    pub expected_en: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.field, self.expected_en, self.expected_zh
        )
    }
}

fn refuse(field: &'static str, en: impl Into<String>, zh: impl Into<String>) -> SettingsError {
    SettingsError {
        field,
        expected_zh: zh.into(),
        expected_en: en.into(),
    }
}

/// The short 机关代字 of a bureau for its 文号: the first character of its name and 公
/// (青山县公安局 → 青公), as county bureaus commonly abbreviate.
fn issuer_code(name: &str) -> String {
    let first: String = name.chars().take(1).collect();
    format!("{first}公")
}

impl DocumentSettings {
    /// Defaults for `bureau`, dated `today` (the host's clock: this crate reads none).
    pub fn defaults_for(bureau: &Bureau, today: DocDate) -> Self {
        let name = bureau.info.name.trim().to_owned();
        DocumentSettings {
            kind: DocumentKind::Plan,
            draft_mark: DraftMark::ForReview,
            document_number: format!("{}〔{}〕1号", issuer_code(&name), today.year),
            signer: String::new(),
            classification: Classification::Internal,
            secrecy_period: "1年".into(),
            copy_number: "000001".into(),
            urgency: Urgency::None,
            addressee: "局党委".into(),
            copied_to: String::new(),
            printed_by: format!("{name}办公室"),
            printed_on: today,
            signature: name.clone(),
            written_on: today,
            contact: String::new(),
            phone: String::new(),
            notes_in_document: false,
            issuer: name,
        }
    }

    /// Checks every field; the first one refused is named with what was expected.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let texts: [(&'static str, &str, bool); 11] = [
            ("issuer", &self.issuer, true),
            ("document_number", &self.document_number, true),
            ("signer", &self.signer, false),
            ("secrecy_period", &self.secrecy_period, false),
            ("addressee", &self.addressee, true),
            ("copied_to", &self.copied_to, false),
            ("printed_by", &self.printed_by, true),
            ("signature", &self.signature, true),
            ("contact", &self.contact, false),
            ("phone", &self.phone, false),
            ("copy_number", &self.copy_number, false),
        ];
        for (field, text, required) in texts {
            if let Some(what) = forbidden_char(text, false) {
                return Err(refuse(field, what, "含有不允许的控制字符"));
            }
            let chars = text.chars().count();
            if chars > MAX_FIELD_CHARS {
                return Err(refuse(
                    field,
                    format!("at most {MAX_FIELD_CHARS} characters, got {chars}"),
                    format!("不超过{MAX_FIELD_CHARS}个字符（现为{chars}个）"),
                ));
            }
            if required && text.trim().is_empty() {
                return Err(refuse(field, "a value", "不能为空"));
            }
        }
        check_document_number(&self.document_number)?;
        if self.classification.is_secret() {
            if !is_period(&self.secrecy_period) {
                return Err(refuse(
                    "secrecy_period",
                    "a period such as 1年 or 6个月 for 秘密 and 机密",
                    "秘密、机密文件须注明保密期限，如1年、6个月",
                ));
            }
            if !(self.copy_number.len() == 6
                && self.copy_number.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(refuse(
                    "copy_number",
                    "six digits, e.g. 000001",
                    "份号为6位阿拉伯数字，如000001",
                ));
            }
        }
        if !self
            .phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '（' | '）' | '(' | ')'))
        {
            return Err(refuse(
                "phone",
                "digits (and - or brackets)",
                "电话号码只能包含数字、连字符或括号",
            ));
        }
        for (field, date) in [
            ("written_on", self.written_on),
            ("printed_on", self.printed_on),
        ] {
            if !date.is_valid() {
                return Err(refuse(
                    field,
                    "a calendar date between 1900 and 2100",
                    "须为1900年至2100年间的有效日期",
                ));
            }
        }
        Ok(())
    }
}

/// 保密期限: digits followed by 年 or 个月 (长期 is also a period).
fn is_period(text: &str) -> bool {
    let t = text.trim();
    if t == "长期" {
        return true;
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    !digits.is_empty() && !digits.starts_with('0') && (rest == "年" || rest == "个月")
}

/// 发文字号: 机关代字, the year in 六角括号 〔〕, the number without 第 or leading zeros, 号.
pub fn check_document_number(text: &str) -> Result<(), SettingsError> {
    let bad = || {
        refuse(
            "document_number",
            format!("机关代字〔year〕number号, e.g. 某公〔2026〕12号, got {text:?}"),
            format!("格式为“机关代字〔年份〕序号号”，如某公〔2026〕12号（年份用六角括号，序号不编虚位、不加“第”），现为“{text}”"),
        )
    };
    let (code, rest) = text.split_once('〔').ok_or_else(bad)?;
    let (year, rest) = rest.split_once('〕').ok_or_else(bad)?;
    let number = rest.strip_suffix('号').ok_or_else(bad)?;
    let year_ok = year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (1900..=2100).contains(&year.parse::<u32>().unwrap_or(0));
    let number_ok = !number.is_empty()
        && number.len() <= 6
        && number.bytes().all(|b| b.is_ascii_digit())
        && !number.starts_with('0');
    if code.trim().is_empty() || code.contains('〕') || !year_ok || !number_ok {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_need_the_year_in_hexagonal_brackets_and_a_plain_number() {
        assert!(check_document_number("测公〔2026〕12号").is_ok());
        for bad in [
            "测公[2026]12号",
            "测公〔2026〕第12号",
            "测公〔2026〕012号",
            "测公〔26〕12号",
            "〔2026〕12号",
            "测公〔2026〕12",
            "测公〔2026〕号",
        ] {
            let e = check_document_number(bad).expect_err(bad);
            assert_eq!(e.field, "document_number");
        }
    }

    #[test]
    fn a_secret_paper_needs_a_period_and_a_six_digit_copy_number() {
        let bureau = bureau_samples_free_bureau();
        let mut s = DocumentSettings::defaults_for(
            &bureau,
            DocDate {
                year: 2026,
                month: 12,
                day: 5,
            },
        );
        assert_eq!(s.classification, Classification::Internal);
        assert_eq!(s.issuer, "某某县公安局");
        assert_eq!(s.document_number, "某公〔2026〕1号");
        assert!(s.validate().is_ok());
        s.classification = Classification::Secret;
        s.secrecy_period = "一年".into();
        assert_eq!(s.validate().expect_err("period").field, "secrecy_period");
        s.secrecy_period = "1年".into();
        s.copy_number = "12".into();
        assert_eq!(s.validate().expect_err("copy").field, "copy_number");
        s.copy_number = "000012".into();
        s.written_on.day = 31;
        s.written_on.month = 2;
        assert_eq!(s.validate().expect_err("date").field, "written_on");
    }

    fn bureau_samples_free_bureau() -> Bureau {
        Bureau {
            info: bureau_core::BureauInfo {
                name: "某某县公安局".into(),
                kind: bureau_core::BureauKind::County,
                as_of: bureau_core::YearMonth::new(2026, 12).expect("month"),
                background: String::new(),
            },
            old_units: Vec::new(),
            people: Vec::new(),
            station_figures: Vec::new(),
            squad_figures: Vec::new(),
        }
    }
}
