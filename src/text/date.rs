//! Article dates as people write them: reading a date from metadata
//! ([`parse_date`]) at the precision it was written (a year, a month or a
//! day: [`ArticleDate`]), the calendar day that rule packs use for dated
//! roles ([`Date`]), and the `--date-format` for numeric dates
//! ([`DateFormat`]).
//!
//! Read without help: ISO 8601 and RFC 3339 (`2010`, `2010-05`,
//! `2010-05-01`, `2010-05-01T12:00:00Z`, `2010-05-01 12:00:00+02:00`), RFC
//! 2822 (`Sat, 01 May 2010 12:00:00 +0000`) and the common English forms
//! (`May 1, 2010`, `1 May 2010`, `1 May, 2010`, `Saturday, May 1, 2010`,
//! `Sept. 1, 2010`, `May 1st, 2010`, `May 2010`). A timestamp gives the day
//! written in it, not the day in UTC. Numeric day/month forms such as
//! `01/05/2010` are refused: whether that is the 1st of May or the 5th of
//! January is for the user to say, with a [`DateFormat`] (`%d/%m/%Y`).
//!
//! The parsing itself is jiff's (ISO 8601/RFC 3339 through its Temporal
//! parser, RFC 2822, and `strptime`-style formats); this module only decides
//! which forms to try and keeps the precision.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::rfc2822::DateTimeParser;
use jiff::fmt::strtime::BrokenDownTime;
use jiff::fmt::temporal::Pieces;

/// A calendar day, ordered: year, month, day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// Reads a day written in any form `parse_date` reads without a
    /// `--date-format` (`2025-10-10`, `2025-10-10T08:00:00Z`, `October 10,
    /// 2025`, …); `None` for anything else, and for a year or month alone.
    pub fn parse(s: &str) -> Option<Date> {
        let date = parse_date(s, None).ok()??;
        date.day.is_some().then(|| date.first_day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An article's date at the precision it was written: a year (`2010`), a
/// month (`2010-05`) or a day (`2010-05-01`). A partial date stands for the
/// whole period; it is never padded to a day.
///
/// Shown and serialised as `2010`, `2010-05` or `2010-05-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate {
    year: u16,
    /// Set whenever `day` is.
    month: Option<u8>,
    day: Option<u8>,
}

/// How precisely an [`ArticleDate`] was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A year: `2010`.
    Year,
    /// A month: `2010-05`.
    Month,
    /// A day: `2010-05-01`.
    Day,
}

/// The years read: four digits. An earlier "year" is a misread (`%Y`
/// reads `01/05/10` as the year 10); jiff's range ends at 9999.
const YEARS: std::ops::RangeInclusive<u16> = 1000..=9999;

impl ArticleDate {
    /// The year `year`; `None` outside 1000–9999.
    pub fn year_only(year: i32) -> Option<ArticleDate> {
        Some(ArticleDate {
            year: checked_year(year)?,
            month: None,
            day: None,
        })
    }

    /// The month `month` (1–12) of `year`; `None` when there is no such month.
    pub fn month_of(year: i32, month: i32) -> Option<ArticleDate> {
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        Some(ArticleDate {
            year: checked_year(year)?,
            month: Some(month),
            day: None,
        })
    }

    /// The day `year`-`month`-`day`; `None` when there is no such day
    /// (2010-02-30).
    pub fn day_of(year: i32, month: i32, day: i32) -> Option<ArticleDate> {
        let (y, m, d) = (
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        );
        let valid = jiff::civil::Date::new(y, m, d).ok()?;
        Some(ArticleDate::from(valid_day(valid)?))
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1–12), when the date has one.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when the date is a day.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How precisely the date was written.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    /// The first day of the period.
    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day of the period (31 December of a year, the 28th–31st of
    /// a month).
    pub fn last_day(&self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| {
            // The year and month are valid by construction.
            jiff::civil::Date::new(self.year as i16, month as i8, 1)
                .map_or(28, |d| d.days_in_month() as u8)
        });
        Date {
            year: self.year,
            month,
            day,
        }
    }
}

impl From<Date> for ArticleDate {
    fn from(day: Date) -> ArticleDate {
        ArticleDate {
            year: day.year,
            month: Some(day.month),
            day: Some(day.day),
        }
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for ArticleDate {
    type Err = String;

    /// Reads exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as [`ArticleDate`]
    /// displays itself (for reading profiles back).
    fn from_str(s: &str) -> Result<ArticleDate, String> {
        iso_partial(s)
            .or_else(|| {
                let b = s.as_bytes();
                let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
                let num = |r: std::ops::Range<usize>| s.get(r).and_then(digits);
                if !shaped {
                    return None;
                }
                ArticleDate::day_of(num(0..4)?, num(5..7)?, num(8..10)?)
            })
            .ok_or_else(|| format!("`{s}` is not a date written YYYY, YYYY-MM or YYYY-MM-DD"))
    }
}

impl serde::Serialize for ArticleDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ArticleDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ArticleDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The form of numeric dates in a corpus (`--date-format`): a `strftime`
/// pattern such as `%d/%m/%Y`, `%m/%d/%Y`, `%d.%m.%Y` or `%m/%Y`. It must
/// name the year; without a day it reads months, without a month years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFormat {
    pattern: String,
}

impl DateFormat {
    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Reads `s` in this format; `None` when it does not match or names no
    /// such day.
    pub fn read(&self, s: &str) -> Option<ArticleDate> {
        let tm = BrokenDownTime::parse(&self.pattern, s).ok()?;
        broken_down(&tm)
    }
}

impl FromStr for DateFormat {
    type Err = String;

    /// Checks the pattern by writing 31 May 2010 with it and reading it back.
    fn from_str(pattern: &str) -> Result<DateFormat, String> {
        let sample = jiff::civil::date(2010, 5, 31);
        let written = jiff::fmt::strtime::format(pattern, sample)
            .map_err(|e| format!("date format `{pattern}` is not valid: {e}"))?;
        let tm = BrokenDownTime::parse(pattern, &written).map_err(|e| {
            format!("date format `{pattern}` cannot read its own output `{written}`: {e}")
        })?;
        if tm.year().is_none() {
            return Err(format!(
                "date format `{pattern}` has no year: add %Y (e.g. %d/%m/%Y)"
            ));
        }
        if tm.day().is_some() && tm.month().is_none() {
            return Err(format!(
                "date format `{pattern}` has a day but no month: add %m (e.g. %d/%m/%Y)"
            ));
        }
        if tm.weekday().is_some() && tm.day().is_none() {
            return Err(format!(
                "date format `{pattern}` has a weekday but no day of the month: add %d"
            ));
        }
        Ok(DateFormat {
            pattern: pattern.to_string(),
        })
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

/// Where an article's date is and how numeric dates are written
/// (`--date-field`, `--date-format`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateOptions {
    /// The metadata key (JSON field, front matter key) holding the date
    /// (default `date`).
    pub field: String,
    /// The form of numeric dates, when the corpus has them.
    pub format: Option<DateFormat>,
}

impl Default for DateOptions {
    fn default() -> DateOptions {
        DateOptions {
            field: "date".to_string(),
            format: None,
        }
    }
}

impl DateOptions {
    /// Reads `value` as [`parse_date`] does with this format.
    ///
    /// # Errors
    ///
    /// As [`parse_date`].
    pub fn read(&self, value: &str) -> Result<Option<ArticleDate>, DateError> {
        parse_date(value, self.format.as_ref())
    }
}

/// Why a date could not be read. Its message names the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// A numeric day/month form (`01/05/2010`) and no `--date-format`.
    Ambiguous(String),
    /// Matches neither the `--date-format` nor any form read without it.
    NotInFormat(String, String),
    /// Not a date in any form read.
    Unreadable(String),
}

impl DateError {
    /// The value that could not be read.
    pub fn value(&self) -> &str {
        match self {
            DateError::Ambiguous(v) | DateError::NotInFormat(v, _) | DateError::Unreadable(v) => v,
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Ambiguous(v) => write!(
                f,
                "`{v}` is a numeric date whose order framescope will not guess \
                 (day/month or month/day): name it with --date-format (e.g. %d/%m/%Y or %m/%d/%Y)"
            ),
            DateError::NotInFormat(v, format) => write!(
                f,
                "`{v}` matches neither --date-format {format} nor any date form read without it"
            ),
            DateError::Unreadable(v) => write!(
                f,
                "`{v}` is not a date framescope reads (ISO 8601 such as 2010-05-01, \
                 RFC 2822, May 1, 2010 or 1 May 2010)"
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// Reads an article date written as people write them (see the module
/// documentation for the forms), trying `format` first when one is given.
/// A blank value is no date (`Ok(None)`), not an error.
///
/// # Errors
///
/// [`DateError::Ambiguous`] for a numeric day/month form without `format`;
/// [`DateError::NotInFormat`] for a value that matches neither `format` nor
/// the forms read without it; [`DateError::Unreadable`] otherwise.
///
/// `"May 1, 2010"` and `"Sat, 01 May 2010 12:00:00 +0000"` are the day
/// 2010-05-01, `"2010-05"` the month; `"01/05/2010"` is ambiguous without
/// a format and the first of May with `%d/%m/%Y` (the unit test
/// `the_documented_examples_hold` checks these).
pub(crate) fn parse_date(
    value: &str,
    format: Option<&DateFormat>,
) -> Result<Option<ArticleDate>, DateError> {
    let s = value.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(date) = format.and_then(|f| f.read(s)) {
        return Ok(Some(date));
    }
    if let Some(date) = iso(s).or_else(|| rfc2822(s)).or_else(|| english(s)) {
        return Ok(Some(date));
    }
    Err(match format {
        Some(f) => DateError::NotInFormat(s.to_string(), f.pattern.clone()),
        None if is_numeric(s) => DateError::Ambiguous(s.to_string()),
        None => DateError::Unreadable(s.to_string()),
    })
}

fn checked_year(year: i32) -> Option<u16> {
    u16::try_from(year).ok().filter(|y| YEARS.contains(y))
}

/// The [`Date`] of a jiff date, when its year has four digits.
fn valid_day(d: jiff::civil::Date) -> Option<Date> {
    Some(Date {
        year: checked_year(i32::from(d.year()))?,
        month: d.month() as u8,
        day: d.day() as u8,
    })
}

/// The number written with ASCII digits only.
fn digits(s: &str) -> Option<i32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY` or `YYYY-MM`: ISO 8601's reduced precision, which the Temporal
/// parser (dates always have a day there) does not take.
fn iso_partial(s: &str) -> Option<ArticleDate> {
    match s.len() {
        4 => ArticleDate::year_only(digits(s)?),
        7 if s.as_bytes()[4] == b'-' => ArticleDate::month_of(digits(&s[..4])?, digits(&s[5..])?),
        _ => None,
    }
}

/// ISO 8601 / RFC 3339: reduced precision, a calendar date, or a date and
/// time with any offset or time zone annotation (the date as written).
fn iso(s: &str) -> Option<ArticleDate> {
    if let Some(date) = iso_partial(s) {
        return Some(date);
    }
    // A four-digit year first: the Temporal parser also takes six-digit
    // signed years, which no article has.
    if !s.as_bytes().get(..4)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let pieces = Pieces::parse(s).ok()?;
    Some(ArticleDate::from(valid_day(pieces.date())?))
}

/// RFC 2822 (`Sat, 01 May 2010 12:00:00 +0000`): the date as written.
fn rfc2822(s: &str) -> Option<ArticleDate> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    let zoned = PARSER.parse_zoned(s).ok()?;
    Some(ArticleDate::from(valid_day(zoned.date())?))
}

/// The English forms, tried in turn on [`tidy`]'s output: month name first
/// or day first, with or without a comma, full or abbreviated names, or a
/// month and year alone.
const ENGLISH: &[&str] = &[
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%B %Y",
    "%B, %Y",
    "%b %Y",
    "%b, %Y",
];

/// Whether `word` names a month or a day of the week, in any case: in full
/// ("March", "Tuesday") or abbreviated with a full stop ("Sept.", "Jan.",
/// "Mon."): a time, no place ("In March, Iran sent …").
pub(crate) fn is_month_or_weekday(word: &str) -> bool {
    const ABBREVIATED: &[&str] = &[
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_lowercase();
    if let Some(short) = lower.strip_suffix('.') {
        return ABBREVIATED.contains(&short);
    }
    MONTHS.contains(&lower.as_str()) || WEEKDAYS[..7].contains(&lower.as_str())
}

/// The weekday names an English date may start with, the seven full names
/// first.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// `May 1, 2010`, `1 May 2010`, `1 May, 2010` and their variants (see
/// [`ENGLISH`] and [`tidy`]). The year must be written in full.
fn english(s: &str) -> Option<ArticleDate> {
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let tidied = tidy(s);
    let b = tidied.as_bytes();
    let n = b.len();
    let four_digit_year =
        n >= 5 && b[n - 4..].iter().all(u8::is_ascii_digit) && !b[n - 5].is_ascii_digit();
    if !four_digit_year {
        return None;
    }
    let year = digits(&tidied[n - 4..])?;
    ENGLISH.iter().find_map(|format| {
        let tm = BrokenDownTime::parse(format, &tidied).ok()?;
        // A space in a format also matches no space, so `%B %d %Y` reads
        // `May 2010` as the 20th of May in the year 10: the year read
        // must be the four digits at the end.
        (tm.year().map(i32::from) == Some(year))
            .then(|| broken_down(&tm))
            .flatten()
    })
}

/// Undoes what the `strptime` forms cannot read: a leading weekday (`Sat,
/// `), full stops after abbreviations (`Sept.`, `Jan.`), AP's `Sept`, and
/// ordinal suffixes (`1st`, `22nd`, `3rd`, `4th`).
fn tidy(s: &str) -> String {
    let mut words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            let (core, comma) = match w.strip_suffix(',') {
                Some(core) => (core, ","),
                None => (w, ""),
            };
            let core = core.trim_end_matches('.');
            let lower = core.to_ascii_lowercase();
            let core = if lower == "sept" {
                "Sep".to_string()
            } else if let Some(number) = ["st", "nd", "rd", "th"].iter().find_map(|suffix| {
                lower
                    .strip_suffix(suffix)
                    .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            }) {
                number.to_string()
            } else {
                core.to_string()
            };
            format!("{core}{comma}")
        })
        .collect();
    if let Some(first) = words.first() {
        let name = first.trim_end_matches(',').to_ascii_lowercase();
        if words.len() > 1 && WEEKDAYS.contains(&name.as_str()) {
            words.remove(0);
        }
    }
    words.join(" ")
}

/// The date in a parsed `strptime` result at the precision it has: a day
/// (checked: 30 February is refused, as is a weekday that does not fit), a
/// month or a year.
fn broken_down(tm: &BrokenDownTime) -> Option<ArticleDate> {
    let year = i32::from(tm.year()?);
    match (tm.month(), tm.day()) {
        (Some(_), Some(_)) => Some(ArticleDate::from(valid_day(tm.to_date().ok()?)?)),
        (Some(m), None) => ArticleDate::month_of(year, i32::from(m)),
        (None, None) => ArticleDate::year_only(year),
        (None, Some(_)) => None,
    }
}

/// Whether `s` is two or three groups of digits with `/`, `.` or `-`
/// between them (`01/05/2010`, `1.5.2010`, `05-01-2010`, `05/2010`), not
/// ISO-shaped (`2010-05-01`), from which a day and a month (or a month
/// beside a year) can be read in some order: a numeric form whose order
/// this module will not guess. Anything else (`99999-99-99`, `13/2010`) is
/// no date at all.
fn is_numeric(s: &str) -> bool {
    let groups: Vec<&str> = s.split(['/', '.', '-']).collect();
    let iso_shaped = s.contains('-') && groups.first().is_some_and(|g| g.len() == 4);
    let digits = (2..=3).contains(&groups.len())
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && !iso_shaped;
    // Only a value a day and a month could be read from in some order is a
    // guess refused; `99999-99-99` is simply no date.
    let value = |g: &str| g.parse::<u32>().unwrap_or(0);
    let day_month = |a: &str, b: &str| {
        [a, b]
            .iter()
            .all(|g| g.len() <= 2 && (1..=31).contains(&value(g)))
            && (value(a) <= 12 || value(b) <= 12)
    };
    digits
        && match groups[..] {
            [year, a, b] if year.len() == 4 => day_month(a, b),
            [a, b, year] if year.len() == 2 || year.len() == 4 => day_month(a, b),
            [a, b] if a.len() <= 2 && b.len() <= 2 => day_month(a, b),
            [month, year] | [year, month] if month.len() <= 2 && year.len() == 4 => {
                (1..=12).contains(&value(month))
            }
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples_hold() {
        let day = |s| parse_date(s, None).unwrap().unwrap().to_string();
        assert_eq!(day("May 1, 2010"), "2010-05-01");
        assert_eq!(day("Sat, 01 May 2010 12:00:00 +0000"), "2010-05-01");
        assert_eq!(day("2010-05"), "2010-05");
        assert!(parse_date("01/05/2010", None).is_err());
        let dmy: DateFormat = "%d/%m/%Y".parse().unwrap();
        let first = parse_date("01/05/2010", Some(&dmy)).unwrap().unwrap();
        assert_eq!(first.to_string(), "2010-05-01");
    }

    fn read(s: &str) -> Result<Option<String>, DateError> {
        parse_date(s, None).map(|d| d.map(|d| d.to_string()))
    }

    /// Every form read without a format, with what it gives.
    const ACCEPTED: &[(&str, &str)] = &[
        // ISO 8601 / RFC 3339, also reduced precision.
        ("2010", "2010"),
        ("2010-05", "2010-05"),
        ("2010-05-01", "2010-05-01"),
        ("20100501", "2010-05-01"),
        ("2010-05-01T12:00:00Z", "2010-05-01"),
        ("2010-05-01T12:00:00.250Z", "2010-05-01"),
        ("2010-05-01T23:30:00-05:00", "2010-05-01"),
        ("2010-05-01 23:30:00+02:00", "2010-05-01"),
        ("2010-05-01T08:00", "2010-05-01"),
        ("2010-05-01T08:00:00+02:00[Europe/Paris]", "2010-05-01"),
        ("  2010-05-01\n", "2010-05-01"),
        // RFC 2822.
        ("Sat, 01 May 2010 12:00:00 +0000", "2010-05-01"),
        ("01 May 2010 12:00:00 GMT", "2010-05-01"),
        ("01 May 2010 12:00 GMT", "2010-05-01"),
        ("Sat, 1 May 2010 23:59 -0500", "2010-05-01"),
        // English.
        ("May 1, 2010", "2010-05-01"),
        ("1 May 2010", "2010-05-01"),
        ("1 May, 2010", "2010-05-01"),
        ("May 1 2010", "2010-05-01"),
        ("may 1, 2010", "2010-05-01"),
        ("MAY 01, 2010", "2010-05-01"),
        ("Saturday, May 1, 2010", "2010-05-01"),
        ("Sat 1 May 2010", "2010-05-01"),
        ("September 30, 2010", "2010-09-30"),
        ("Sept. 30, 2010", "2010-09-30"),
        ("Sep 30, 2010", "2010-09-30"),
        ("30 Sept 2010", "2010-09-30"),
        ("Jan. 5, 2010", "2010-01-05"),
        ("Jan 5 2010", "2010-01-05"),
        ("May 1st, 2010", "2010-05-01"),
        ("22nd February 2010", "2010-02-22"),
        ("February 29, 2012", "2012-02-29"),
        ("May 2010", "2010-05"),
        ("Dec 2010", "2010-12"),
    ];

    #[test]
    fn accepted_forms() {
        for (input, expected) in ACCEPTED {
            assert_eq!(read(input), Ok(Some(expected.to_string())), "{input:?}");
        }
    }

    #[test]
    fn numeric_day_month_forms_are_refused_without_a_format() {
        for input in [
            "01/05/2010",
            "1/5/2010",
            "01.05.2010",
            "05-01-2010",
            "2010/05/01",
        ] {
            match parse_date(input, None) {
                Err(e @ DateError::Ambiguous(_)) => {
                    assert_eq!(e.value(), input);
                    assert!(e.to_string().contains("--date-format"), "{e}");
                }
                other => panic!("{input:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn what_is_not_a_date_is_unreadable() {
        for input in [
            "garbage",
            "99999-99-99",
            "45/67/2010",
            "13/13/2010",
            "13/2010",
            "00/2010",
            "2010/99",
            "last Tuesday",
            "May 1, 10",
            "1 Mayo 2010",
            "February 30, 2010",
            "Fri, 01 May 2010 12:00:00 +0000",
            "2010-13",
            "2010-02-30",
            "201",
            "May 1, 2010 or so",
            "+002010-05-01",
            "0999-05-01",
        ] {
            assert!(
                matches!(parse_date(input, None), Err(DateError::Unreadable(ref v)) if v == input),
                "{input:?}: {:?}",
                parse_date(input, None)
            );
        }
        assert_eq!(
            DateError::Unreadable("garbage".into()).to_string(),
            "`garbage` is not a date framescope reads (ISO 8601 such as 2010-05-01, \
             RFC 2822, May 1, 2010 or 1 May 2010)"
        );
    }

    #[test]
    fn blank_is_no_date() {
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("  \t"), Ok(None));
    }

    #[test]
    fn a_format_reads_numeric_dates_and_the_usual_forms_still_work() {
        let dmy: DateFormat = "%d/%m/%Y".parse().unwrap();
        let mdy: DateFormat = "%m/%d/%Y".parse().unwrap();
        let with =
            |s: &str, f: &DateFormat| parse_date(s, Some(f)).map(|d| d.map(|d| d.to_string()));
        assert_eq!(with("01/05/2010", &dmy), Ok(Some("2010-05-01".into())));
        assert_eq!(with("01/05/2010", &mdy), Ok(Some("2010-01-05".into())));
        assert_eq!(with("1/5/2010", &dmy), Ok(Some("2010-05-01".into())));
        assert_eq!(with("2010-05-01", &dmy), Ok(Some("2010-05-01".into())));
        assert_eq!(with("May 1, 2010", &dmy), Ok(Some("2010-05-01".into())));
        assert_eq!(
            with("31/02/2010", &dmy),
            Err(DateError::NotInFormat(
                "31/02/2010".into(),
                "%d/%m/%Y".into()
            ))
        );
        assert_eq!(
            with("01-05-2010", &dmy),
            Err(DateError::NotInFormat(
                "01-05-2010".into(),
                "%d/%m/%Y".into()
            ))
        );
        let dotted: DateFormat = "%d.%m.%Y".parse().unwrap();
        assert_eq!(with("1.5.2010", &dotted), Ok(Some("2010-05-01".into())));
        assert_eq!(
            with("01/05/10", &dmy),
            Err(DateError::NotInFormat("01/05/10".into(), "%d/%m/%Y".into())),
            "%Y does not read a two-digit year as the year 10"
        );
        let short: DateFormat = "%d/%m/%y".parse().unwrap();
        assert_eq!(with("01/05/10", &short), Ok(Some("2010-05-01".into())));
        let month: DateFormat = "%m/%Y".parse().unwrap();
        assert_eq!(with("05/2010", &month), Ok(Some("2010-05".into())));
    }

    #[test]
    fn formats_are_checked() {
        let err = |s: &str| s.parse::<DateFormat>().unwrap_err();
        assert!(err("%d/%m").contains("has no year"), "{}", err("%d/%m"));
        assert!(err("%d/%Y").contains("no month"), "{}", err("%d/%Y"));
        assert!(err("%Q").contains("is not valid"), "{}", err("%Q"));
        assert_eq!("%Y".parse::<DateFormat>().unwrap().pattern(), "%Y");
    }

    #[test]
    fn partial_dates_cover_their_whole_period() {
        let d = |s: &str| s.parse::<ArticleDate>().unwrap();
        let day = |y, m, d| Date {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(d("2010").precision(), Precision::Year);
        assert_eq!(
            (d("2010").first_day(), d("2010").last_day()),
            (day(2010, 1, 1), day(2010, 12, 31))
        );
        assert_eq!(d("2010-02").last_day(), day(2010, 2, 28));
        assert_eq!(d("2012-02").last_day(), day(2012, 2, 29));
        assert_eq!(d("2010-05").precision(), Precision::Month);
        assert_eq!(
            (d("2010-05-01").first_day(), d("2010-05-01").last_day()),
            (day(2010, 5, 1), day(2010, 5, 1))
        );
        for bad in [
            "2010-5",
            "10",
            "2010-05-1",
            "May 2010",
            "2010-00",
            "2010-02-30",
        ] {
            assert!(bad.parse::<ArticleDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_serialise_at_their_precision() {
        for s in ["2010", "2010-05", "2010-05-01"] {
            let d: ArticleDate = s.parse().unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<ArticleDate>(&json).unwrap(), d);
        }
        assert!(serde_json::from_str::<ArticleDate>("\"May 2010\"").is_err());
    }

    #[test]
    fn date_parse_reads_days_only() {
        assert_eq!(
            Date::parse("2025-10-10T08:00:00Z").map(|d| d.to_string()),
            Some("2025-10-10".into())
        );
        assert_eq!(Date::parse("2025-10"), None);
        assert_eq!(Date::parse("01/05/2010"), None);
    }
}
