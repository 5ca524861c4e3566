//! Reading one roster value: dates in the usual Chinese forms and Excel serials, the Chinese
//! (and English) labels of the core's enums, yes/no flags and lists. Each reader returns the
//! value or what was expected ([`Expected`]) for the problem report.

use bureau_core::{Category, Gender, Post, Qualification, YearMonth};

use super::cells::Cell;
use super::expected::Expected;

const DATE_FORMS: Expected = Expected::DateForms;

/// A birth month from text or a cell: 1975.03, 1975-03, 1975/3, 1975年3月, 197503, an Excel
/// date, or a number cell 1975.03 (Excel drops the trailing zero of 1975.10, so a number
/// 1975.1 reads as October; text "1975.1" reads as January). A value of one of these forms
/// whose year or month is out of range is reported as such, not as an unknown form.
pub fn year_month(cell: &Cell) -> Result<YearMonth, Expected> {
    match cell {
        Cell::Empty => Err(DATE_FORMS),
        Cell::Date(serial) => from_serial(*serial).ok_or(DATE_FORMS),
        Cell::Number(n) => {
            let n = *n;
            if !n.is_finite() {
                return Err(DATE_FORMS);
            }
            // Serials 1000–2999 are 1902–1908, never a birth month: such a number with a
            // fraction is a year and month.
            if (1000.0..3000.0).contains(&n) && n.fract() != 0.0 {
                let year = n.trunc() as u32;
                let month = ((n - n.trunc()) * 100.0).round() as u32;
                return ym(year, month);
            }
            if (100_001.0..=999_912.0).contains(&n) && n.fract() == 0.0 {
                let v = n as u32;
                return ym(v / 100, v % 100);
            }
            if (1.0..2958466.0).contains(&n) && !(1900.0..2101.0).contains(&n) {
                return from_serial(n).ok_or(DATE_FORMS);
            }
            Err(DATE_FORMS)
        }
        Cell::Text(s) => text_year_month(s.trim()),
    }
}

/// The years a birth month may have.
pub const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

fn ym(year: u32, month: u32) -> Result<YearMonth, Expected> {
    if !YEARS.contains(&year) {
        return Err(Expected::YearRange {
            from: *YEARS.start(),
            to: *YEARS.end(),
            found: year,
        });
    }
    if !(1..=12).contains(&month) {
        return Err(Expected::MonthRange { found: month });
    }
    let (Ok(year), Ok(month)) = (u16::try_from(year), u8::try_from(month)) else {
        return Err(DATE_FORMS);
    };
    YearMonth::new(year, month).ok_or(DATE_FORMS)
}

fn number(digits: &str) -> Result<u32, Expected> {
    digits.parse().map_err(|_| DATE_FORMS)
}

fn text_year_month(s: &str) -> Result<YearMonth, Expected> {
    let digits = |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    // 197503
    if s.len() == 6 && s.chars().all(|c| c.is_ascii_digit()) {
        return ym(number(&s[..4])?, number(&s[4..])?);
    }
    // 1975年3月, 1975年03月(01日)
    if let Some((y, rest)) = s.split_once('年') {
        let m = rest.split('月').next().unwrap_or("").trim();
        let y = y.trim();
        if y.len() == 4 && digits(y) && digits(m) && m.len() <= 2 {
            return ym(number(y)?, number(m)?);
        }
        return Err(DATE_FORMS);
    }
    // 1975.03, 1975-03, 1975/3, with an optional day: 1975-03-01
    let parts: Vec<&str> = s.split(['.', '-', '/']).collect();
    if (2..=3).contains(&parts.len())
        && parts[0].len() == 4
        && parts.iter().all(|p| digits(p))
        && parts[1].len() <= 2
        && parts.get(2).is_none_or(|d| d.len() <= 2)
    {
        return ym(number(parts[0])?, number(parts[1])?);
    }
    // A serial number written as text (a CSV saved from a date column).
    if digits(s) || (s.len() == 5 && s.chars().all(|c| c.is_ascii_digit())) {
        let n = f64::from(number(s)?);
        if !(1900.0..2101.0).contains(&n) {
            return from_serial(n).ok_or(DATE_FORMS);
        }
    }
    Err(DATE_FORMS)
}

/// An Excel serial day (1900 system, with its fictitious 1900-02-29) to a year and month.
pub fn from_serial(serial: f64) -> Option<YearMonth> {
    if !serial.is_finite() || !(1.0..2958466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.trunc() as i64;
    if days < 60 {
        days += 1; // before the phantom leap day
    }
    // Serial 1 = 1900-01-01; days since 1970-01-01 for the civil conversion.
    let unix_days = days - 25569;
    let (y, m, _) = civil_from_days(unix_days);
    YearMonth::new(u16::try_from(y).ok()?, u8::try_from(m).ok()?)
}

/// Howard Hinnant's days → (year, month, day) for the proleptic Gregorian calendar.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

pub fn category(s: &str) -> Result<Category, Expected> {
    match norm(s).as_str() {
        "民警" | "警察" | "人民警察" | "officer" | "police" => Ok(Category::Officer),
        "辅警" | "警务辅助人员" | "auxiliary" => Ok(Category::Auxiliary),
        _ => Err(Expected::Category),
    }
}

pub fn gender(s: &str) -> Result<Gender, Expected> {
    match norm(s).as_str() {
        "男" | "male" | "m" => Ok(Gender::Male),
        "女" | "female" | "f" => Ok(Gender::Female),
        _ => Err(Expected::Sex),
    }
}

pub fn post(s: &str) -> Result<Post, Expected> {
    match norm(s).as_str() {
        "" | "无" | "-" | "—" | "none" => Ok(Post::None),
        "正职" | "中层正职" | "head" => Ok(Post::Head),
        "副职" | "中层副职" | "deputy" => Ok(Post::Deputy),
        _ => Err(Expected::Post),
    }
}

pub fn qualification(s: &str) -> Result<Qualification, Expected> {
    match norm(s).as_str() {
        "专业等级资格" | "专业等级" | "professional_grade" => {
            Ok(Qualification::ProfessionalGrade)
        }
        "法律职业资格" | "法律资格" | "legal" => Ok(Qualification::Legal),
        _ => Err(Expected::Qualification),
    }
}

pub fn flag(s: &str) -> Result<bool, Expected> {
    match norm(s).as_str() {
        "" | "否" | "不是" | "n" | "no" | "false" | "0" | "×" => Ok(false),
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" => Ok(true),
        _ => Err(Expected::Flag),
    }
}

/// A list cell: items separated by 、 , ， ; ； / or line breaks; blanks dropped.
pub fn list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '/', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Text of a police-number or name cell: numbers lose ".0" (Excel stores 360001 as 360001.0).
pub fn text(cell: &Cell) -> String {
    cell.shown().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<YearMonth> {
        year_month(&Cell::Text(s.into())).ok()
    }

    #[test]
    fn chinese_date_forms() {
        let m = YearMonth::new(1975, 3);
        for s in [
            "1975.03",
            "1975-03",
            "1975/3",
            "1975年3月",
            "1975年03月01日",
            "197503",
            "1975-03-15",
        ] {
            assert_eq!(t(s), m, "{s}");
        }
        assert_eq!(t("1975.3"), m);
        assert_eq!(t("1975.13"), None);
        let err = |s: &str| {
            year_month(&Cell::Text(s.into()))
                .expect_err("refused")
                .to_string()
        };
        let old = "a year from 1900 to 2100 (year 1800 out of range)";
        for s in ["1800-01", "1800.01", "1800年1月", "180001"] {
            assert_eq!(err(s), old, "{s}");
        }
        assert_eq!(
            year_month(&Cell::Number(1800.01))
                .expect_err("refused")
                .to_string(),
            old
        );
        assert_eq!(
            err("1975.13"),
            "a month from 1 to 12 (month 13 out of range)"
        );
        assert_eq!(err("abc"), DATE_FORMS.to_string());
        assert_eq!(t("19750"), from_serial(19750.0));
        assert_eq!(t("abc"), None);
        assert_eq!(t(""), None);
    }

    #[test]
    fn numbers_and_serials() {
        assert_eq!(
            year_month(&Cell::Number(1975.03)).ok(),
            YearMonth::new(1975, 3)
        );
        assert_eq!(
            year_month(&Cell::Number(1975.1)).ok(),
            YearMonth::new(1975, 10)
        );
        // 1975-03-01 is serial 27454.
        assert_eq!(
            year_month(&Cell::Date(27454.0)).ok(),
            YearMonth::new(1975, 3)
        );
        assert_eq!(
            year_month(&Cell::Number(27454.0)).ok(),
            YearMonth::new(1975, 3)
        );
        assert_eq!(from_serial(1.0), YearMonth::new(1900, 1));
        assert_eq!(from_serial(61.0), YearMonth::new(1900, 3));
        assert!(year_month(&Cell::Number(f64::NAN)).is_err());
        assert!(year_month(&Cell::Number(1975.0)).is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(category(" 民警 "), Ok(Category::Officer));
        assert_eq!(category("Auxiliary"), Ok(Category::Auxiliary));
        assert!(category("协警").is_err());
        assert_eq!(post("中层副职"), Ok(Post::Deputy));
        assert_eq!(post(""), Ok(Post::None));
        assert_eq!(flag("是"), Ok(true));
        assert_eq!(list("治安、 刑侦,,网安"), ["治安", "刑侦", "网安"]);
    }
}
