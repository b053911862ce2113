//! The words of a written date: month names of both calendars (English, Arabic, Levantine,
//! Maghrebi, transliterated Hijri), calendar markers, fillers and the phrases that say a
//! date is unknown. A table of data.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::calendar::Cal;
use crate::text::word_key;

/// What a word in a date means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Word {
    /// A month number, with the calendar the name belongs to.
    Month(u8, Cal),
    /// A calendar marker (`هـ`, `AH`, `م`, `AD`).
    Marker(Cal),
    /// Ignored (`st`, `of`, `T`, `سنة` …).
    Filler,
    /// The cell says the date is unknown.
    Unknown,
}

/// Phrase table, keyed by [`word_key`] of the words joined with one space.
pub(super) fn words() -> &'static HashMap<String, Word> {
    static TABLE: OnceLock<HashMap<String, Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use Cal::{Gregorian as G, Hijri as H};
        let mut t = HashMap::new();
        let months: [(u8, &[&str]); 12] = [
            (1, &["january", "jan", "يناير", "كانون الثاني", "جانفي"]),
            (2, &["february", "feb", "فبراير", "شباط", "فيفري"]),
            (3, &["march", "mar", "مارس", "اذار"]),
            (4, &["april", "apr", "ابريل", "نيسان", "افريل"]),
            (5, &["may", "مايو", "ماي", "ايار"]),
            (6, &["june", "jun", "يونيو", "يونيه", "حزيران", "جوان"]),
            (
                7,
                &["july", "jul", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية"],
            ),
            (8, &["august", "aug", "اغسطس", "اب", "غشت", "اوت"]),
            (9, &["september", "sep", "sept", "سبتمبر", "ايلول", "شتنبر"]),
            (10, &["october", "oct", "اكتوبر", "تشرين الاول"]),
            (11, &["november", "nov", "نوفمبر", "تشرين الثاني", "نونبر"]),
            (12, &["december", "dec", "ديسمبر", "كانون الاول", "دجنبر"]),
        ];
        for (m, names) in months {
            for n in names {
                t.insert(word_key(n), Word::Month(m, G));
            }
        }
        let hijri: [(u8, &[&str]); 12] = [
            (1, &["محرم", "muharram", "muharam", "moharram"]),
            (2, &["صفر", "safar"]),
            (
                3,
                &[
                    "ربيع الاول",
                    "ربيع اول",
                    "ربيع 1",
                    "rabi al awwal",
                    "rabi ul awwal",
                    "rabi al awal",
                    "rabi ul awal",
                    "rabi i",
                    "rabia al awal",
                ],
            ),
            (
                4,
                &[
                    "ربيع الثاني",
                    "ربيع الاخر",
                    "ربيع ثاني",
                    "ربيع 2",
                    "rabi al thani",
                    "rabi al akhir",
                    "rabi ul akhir",
                    "rabi ul thani",
                    "rabi ii",
                    "rabia al thani",
                ],
            ),
            (
                5,
                &[
                    "جمادي الاولي",
                    "جمادي الاول",
                    "جماد اول",
                    "جمادي 1",
                    "jumada al ula",
                    "jumada al awwal",
                    "jumada i",
                    "jumadal ula",
                    "jumada al oula",
                ],
            ),
            (
                6,
                &[
                    "جمادي الاخره",
                    "جمادي الثانيه",
                    "جمادي الاخر",
                    "جمادي الثاني",
                    "جماد ثاني",
                    "جمادي 2",
                    "jumada al akhirah",
                    "jumada al akhira",
                    "jumada al thani",
                    "jumada al thaniyah",
                    "jumada ii",
                    "jumadal akhira",
                ],
            ),
            (7, &["رجب", "rajab"]),
            (8, &["شعبان", "shaban", "shaaban"]),
            (9, &["رمضان", "ramadan", "ramadhan", "ramazan"]),
            (10, &["شوال", "shawwal", "shawal"]),
            (
                11,
                &[
                    "ذو القعده",
                    "ذي القعده",
                    "ذوالقعده",
                    "dhu al qadah",
                    "dhul qadah",
                    "dhu al qida",
                    "dhu al qidah",
                    "dhul qida",
                    "dhul qidah",
                    "dhu al qadah",
                    "zul qadah",
                    "thul qadah",
                ],
            ),
            (
                12,
                &[
                    "ذو الحجه",
                    "ذي الحجه",
                    "ذوالحجه",
                    "dhu al hijjah",
                    "dhul hijjah",
                    "dhu al hijja",
                    "dhul hijja",
                    "zul hijjah",
                    "thul hijjah",
                ],
            ),
        ];
        for (m, names) in hijri {
            for n in names {
                t.insert(word_key(n), Word::Month(m, H));
            }
        }
        for n in [
            "ه",
            "هج",
            "هجري",
            "هجريه",
            "ah",
            "a h",
            "h",
            "hijri",
            "hijra",
            "hijrah",
        ] {
            t.insert(word_key(n), Word::Marker(H));
        }
        for n in [
            "م",
            "ميلادي",
            "ميلاديه",
            "ad",
            "a d",
            "ce",
            "c e",
            "g",
            "gregorian",
        ] {
            t.insert(word_key(n), Word::Marker(G));
        }
        for n in [
            "st", "nd", "rd", "th", "of", "the", "t", "z", "am", "pm", "utc", "year", "sana",
            "سنه", "عام", "يوم", "شهر", "ص", "من", "ل",
        ] {
            t.insert(word_key(n), Word::Filler);
        }
        for n in [
            "unknown",
            "n a",
            "na",
            "none",
            "null",
            "nil",
            "nan",
            "not known",
            "not available",
            "غير معروف",
            "غير معلوم",
            "لا يوجد",
            "مجهول",
            "غير محدد",
        ] {
            t.insert(word_key(n), Word::Unknown);
        }
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{DateConfig, PartialDate};

    #[test]
    fn every_month_name_in_the_table_is_reachable() {
        let cfg = DateConfig::default();
        let mut n = 0;
        for (name, w) in words() {
            let Word::Month(m, cal) = *w else { continue };
            n += 1;
            let (text, want) = match cal {
                Cal::Gregorian => (
                    format!("10 {name} 1990"),
                    PartialDate::gregorian(1990, Some(m), Some(10)),
                ),
                Cal::Hijri => (
                    format!("10 {name} 1420"),
                    PartialDate::hijri(1420, Some(m), Some(10)),
                ),
            };
            let got = cfg.parse(&text).map(|p| p.date.day_number());
            assert_eq!(got, want.map(|d| d.day_number()), "{text}");
        }
        assert!(n > 100, "{n} month names");
    }
}
