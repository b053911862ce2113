//! Small hand-made files (a newcomer's first link and dedupe): a few dozen rows in Arabic
//! script and Latin spellings, with the clusters a person draws by hand written in the
//! test. Too few pairs to learn a model from: the built-in prior model carries it (and the
//! run report says so), every pair of so few records is compared.

use std::collections::BTreeMap;

use hawiya::{Config, MatchResult, Matcher, Table};

fn table(csv: &str) -> Table {
    let mut lines = csv.trim().lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let mut t = Table::new(header).unwrap();
    for l in lines {
        let values: Vec<&str> = l.split(',').collect();
        t.push_row(&values).unwrap();
    }
    t
}

fn inferred(t: &Table) -> Config {
    let header: Vec<&str> = t.names().iter().map(String::as_str).collect();
    Config::infer(&header).unwrap()
}

/// The clusters of a result as sorted groups of ids (singletons left out), sorted.
fn groups(r: &MatchResult) -> Vec<Vec<String>> {
    let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for rec in &r.records {
        by.entry(rec.cluster_id.as_str())
            .or_default()
            .push(rec.unique_id.clone());
    }
    let mut out: Vec<Vec<String>> = by
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

fn expected(groups: &[&[&str]]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut g: Vec<String> = g.iter().map(|s| s.to_string()).collect();
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

const LEFT: &str = "
unique_id,full_name,dob,gender,nationality
a01,صالح الفضالة,1985-03-12,ذكر,كويتي
a02,Mohammed bin Rashid Al Maktoum,1970-07-15,M,UAE
a03,فاطمة عبدالله العلي,1992-01-05,أنثى,كويتية
a04,Abdulrahman Khalid Al-Sabah,1978-11-30,Male,Kuwaiti
a05,نورة سعد المطيري,2001-06-21,أنثى,كويتية
a06,Youssef Ibrahim Haddad,1965-02-02,Male,Lebanese
a07,خالد عبدالعزيز الرشيد,1988-09-09,ذكر,سعودي
a08,Mariam Hassan,1999-12-01,F,Egyptian
a09,Ahmad Ali Al-Enezi,1975-05-05,M,KWT
a10,سارة محمد الكندري,1983-04-17,أنثى,كويتية
a11,Hamad Faisal Al-Ajmi,1990-08-08,M,KWT
a12,Abdullah Nasser Al-Dosari,1980-10-10,M,SAU
";

/// Half the dates missing on the right, one with a typo; two people on the right who are
/// in nobody's file on the left, one of them with a name much like a left record's.
const RIGHT: &str = "
unique_id,full_name,dob,gender,nationality
b01,Saleh Al-Fadhala,,Male,Kuwaiti
b02,محمد بن راشد آل مكتوم,15-07-1970,ذكر,إماراتي
b03,Fatima Abdullah Al-Ali,,Female,KWT
b04,عبد الرحمن خالد الصباح,1978-11-03,ذكر,كويتي
b05,Noura Saad Al-Mutairi,,F,Kuwaiti
b06,Yusuf Ibrahim Al-Haddad,1965-02-02,M,LBN
b07,Khaled Abdulaziz Alrasheed,,M,Saudi
b08,مريم حسن,1999-12-01,أنثى,مصرية
b09,AHMED ALI ALENEZI,,MALE,KUWAITI
b10,Sarah Mohammad Al-Kandari,1983-04-17,Female,Kuwaiti
b11,حمد فيصل العجمي,,ذكر,كويتي
b12,Abdullah Naser Al-Shammari,1981-02-14,M,SAU
b13,Khalid Abdulaziz Al-Rashidi,1960-01-01,M,Saudi
";

#[test]
fn a_newcomers_link_of_25_rows_finds_the_11_people_in_both_files() {
    let (l, r) = (table(LEFT), table(RIGHT));
    let m = Matcher::new(inferred(&l)).unwrap();
    let result = m.link(&l, &r).unwrap();
    assert_eq!(result.records.len(), 25);
    let expected_groups: Vec<Vec<String>> = (1..=11)
        .map(|i| vec![format!("a{i:02}"), format!("b{i:02}")])
        .collect();
    assert_eq!(groups(&result), expected_groups, "{:#?}", result.report);
    // The run report says the model leans on the built-in prior.
    let t = result.report.training.as_ref().unwrap();
    assert!(t.prior_model.m > 0.3 && t.prior_model.u > 0.5, "{t:?}");
    assert!(
        result
            .report
            .warnings
            .iter()
            .any(|w| w.contains("built-in prior")),
        "{:?}",
        result.report.warnings
    );
}

/// One ministry's file with people entered two or three times, in both scripts; a father
/// and son who share every name but the first, two different women with the same common
/// name and different dates of birth, and people entered once.
const REGISTRY: &str = "
unique_id,full_name,dob,civil_id,gender,phone
r01,صالح محمد الفضالة,1985-03-12,285031200123,ذكر,96550123456
r02,Saleh Mohammed Al-Fadhala,12/03/1985,285031200123,M,
r03,SALEH ALFADHALAH,1985-03-12,,MALE,+965 5012 3456
r04,محمد صالح الفضالة,1958-07-01,258070100456,ذكر,96599887766
r05,Mohammed Saleh Al Fadhala,1958-07-01,,M,
r06,Fatima Ali,1990-02-14,290021400789,F,96566554433
r07,فاطمة علي,1990-02-14,,أنثى,
r08,Fatima Ali,1977-09-30,277093000111,F,96511223344
r09,Abdullah Al-Otaibi,1969-11-11,269111100222,M,96522334455
r10,عبدالله العتيبي,11/11/1969,269111100222,ذكر,
r11,Abdallah Otaibi,1969-11-11,,M,22334455
r12,Noura Al-Sabah,2000-05-05,300050500333,F,
r13,Huda Al-Ajmi,1995-08-20,295082000444,F,96577665544
r14,هدى العجمي,20-08-1995,295082000444,أنثى,
r15,Yousef Al-Kandari,1982-12-25,282122500555,M,96533445566
r16,Ali Hassan,1960-01-01,,M,
r17,علي حسن,1991-06-15,291061500666,ذكر,
r18,Mariam Al-Shammari,1988-04-04,288040400777,F,96544556677
";

#[test]
fn a_hand_made_dedupe_gives_the_clusters_a_person_would_draw() {
    let t = table(REGISTRY);
    let m = Matcher::new(inferred(&t)).unwrap();
    let result = m.dedupe(&t).unwrap();
    assert_eq!(result.records.len(), 18);
    assert_eq!(
        groups(&result),
        expected(&[
            &["r01", "r02", "r03"],
            &["r04", "r05"],
            &["r06", "r07"],
            &["r09", "r10", "r11"],
            &["r13", "r14"],
        ]),
        "{:#?}",
        result.report
    );
}
