//! Month names for writing dates the way registries write them. The date parser reads
//! all of these (and many more spellings: abbreviations, Maghreb forms, Latin
//! transliterations of the Hijri months); these tables are for producing dates —
//! generated data, tests, display.

/// A way of naming months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MonthStyle {
    /// `January` … `December`.
    English,
    /// `Jan` … `Dec`.
    EnglishShort,
    /// Gregorian months as written in Egypt and the Gulf: `يناير` … `ديسمبر`.
    Arabic,
    /// Gregorian months as written in the Levant and Iraq: `كانون الثاني` … `كانون الأول`.
    Levant,
    /// The Hijri months: `محرم` … `ذو الحجة`.
    Hijri,
}

const ENGLISH: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ENGLISH_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const ARABIC: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const LEVANT: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const HIJRI: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

impl MonthStyle {
    /// The name of `month` (1–12) in this style, `None` outside 1–12.
    ///
    /// ```
    /// use hawiya::field::{DateComparator, FieldComparator, MonthStyle};
    /// assert_eq!(MonthStyle::Levant.name(3), Some("آذار"));
    /// assert_eq!(MonthStyle::English.name(13), None);
    /// // The parser reads what these tables write.
    /// let dob = DateComparator::default();
    /// let a = dob.prepare(&format!("14 {} 1985", MonthStyle::Levant.name(3).unwrap()));
    /// let b = dob.prepare("1985-03-14");
    /// assert_eq!(dob.compare(&a, &b).name_in(dob.levels()), "exact");
    /// ```
    pub fn name(self, month: u8) -> Option<&'static str> {
        let table = match self {
            MonthStyle::English => &ENGLISH,
            MonthStyle::EnglishShort => &ENGLISH_SHORT,
            MonthStyle::Arabic => &ARABIC,
            MonthStyle::Levant => &LEVANT,
            MonthStyle::Hijri => &HIJRI,
        };
        table.get(usize::from(month).checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{DateComparator, FieldComparator};

    #[test]
    fn every_written_month_parses_to_its_number() {
        let dob = DateComparator::default();
        for style in [
            MonthStyle::English,
            MonthStyle::EnglishShort,
            MonthStyle::Arabic,
            MonthStyle::Levant,
        ] {
            for m in 1..=12u8 {
                let text = format!("5 {} 1990", style.name(m).unwrap());
                let iso = dob.prepare(&format!("1990-{m:02}-05"));
                let got = dob.prepare(&text);
                assert_eq!(
                    dob.compare(&got, &iso).name_in(dob.levels()),
                    "exact",
                    "{text}"
                );
            }
        }
        for m in 1..=12u8 {
            let text = format!("1 {} 1405 هـ", MonthStyle::Hijri.name(m).unwrap());
            assert!(dob.null_reason(&dob.prepare(&text)).is_none(), "{text}");
        }
    }
}
