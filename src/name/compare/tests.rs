use super::*;
use crate::name::Role;

fn cmp() -> NameComparator {
    NameComparator::default()
}

#[test]
fn comparator_is_send_sync_and_options_round_trip() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<NameComparator>();
    assert_send_sync::<PreparedName>();
    let o = CompareOptions::default();
    let json = serde_json::to_string(&o).unwrap();
    let back: CompareOptions = serde_json::from_str(&json).unwrap();
    assert_eq!(o, back);
    let bad = CompareOptions {
        order_penalty: 2.0,
        ..CompareOptions::default()
    };
    let e = NameComparator::new(bad).unwrap_err();
    assert!(e.to_string().contains("compare.order_penalty"), "{e}");
}

#[test]
fn cross_script_spellings() {
    let c = cmp();
    for (a, b) in [
        ("محمد", "Muhammad"),
        ("محمد", "Mohamed"),
        ("Mohammed", "Muhammad"),
        ("عبد الرحمن", "Abdulrahman"),
        ("Abd al-Rahman", "Abdulrahman"),
        ("خالد الفضالة", "Khaled Al-Fadhala"),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s > 0.9, "{a} / {b}: {s}");
    }
}

#[test]
fn confusable_names_are_low() {
    let c = cmp();
    for (a, b) in [
        ("محمد", "محمود"),
        ("حسن", "حسين"),
        ("Mohammed Ali", "Mahmoud Ali"),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s < 0.7, "{a} / {b}: {s}");
    }
}

#[test]
fn structure() {
    let c = cmp();
    let full = "محمد عبدالله أحمد الفضالة";
    let s_passport = c.similarity_str(full, "MOHAMMED AL-FADHALA");
    let s_family_first = c.similarity_str(full, "AL-FADHALA, MOHAMMED ABDULLAH");
    let s_other_given = c.similarity_str(full, "Khaled Al-Fadhala");
    assert!(s_passport > 0.8, "{s_passport}");
    assert!(s_family_first > 0.85, "{s_family_first}");
    assert!(s_other_given < 0.6, "{s_other_given}");
    assert!(s_other_given < s_passport);
    // Compounds split or joined.
    assert!(c.similarity_str("Ben Ali Karim", "Karim Benali") > 0.8);
    assert!(c.similarity_str("Benali Karim", "Ben Ali Karim") > 0.85);
    // Initials.
    let i = c.similarity_str("K. Thomas", "Karim Thomas");
    assert!(i > 0.8, "{i}");
    assert!(c.similarity_str("S. Thomas", "Karim Thomas") < i);
}

#[test]
fn explanation_is_consistent() {
    let c = cmp();
    let a = c.prepare("Dr. Mohammed bin Rashid Al Maktoum");
    let b = c.prepare("محمد راشد");
    let e = c.explain(&a, &b);
    assert_eq!(e.score, c.similarity(&a, &b));
    assert_eq!(e.pairs.len(), 2);
    assert_eq!(e.pairs[0].left, "Mohammed");
    assert_eq!(e.right_unaligned.len(), 0);
    assert_eq!(e.left_unaligned.len(), 1);
    assert!(e.left_ignored.iter().any(|t| t.role == Role::Title));
    let text = e.to_string();
    assert!(text.contains("Mohammed"), "{text}");
    let json = serde_json::to_string(&e).unwrap();
    let back: NameExplanation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
    // Swapped arguments give the same score and mirrored sides.
    let f = c.explain(&b, &a);
    assert_eq!(f.score, e.score);
    assert_eq!(f.pairs[0].right, "Mohammed");
}

#[test]
fn empty_and_odd_input() {
    let c = cmp();
    assert_eq!(c.similarity_str("", ""), 1.0);
    assert_eq!(c.similarity_str("", "Ali"), 0.0);
    assert_eq!(c.similarity_str("123", "123"), 1.0);
    assert_eq!(c.similarity_str("123", "456"), 0.0);
    let long = "a b c d e f g h i j k l m n o p";
    assert_eq!(c.similarity_str(long, long), 1.0);
    let s = c.similarity_str(long, "\u{10ffff}\u{0}ب");
    assert!((0.0..=1.0).contains(&s));
}

#[test]
fn names_in_other_scripts_are_compared_romanised() {
    let c = cmp();
    for (a, b, min) in [
        ("Сергей Иванов", "Sergey Ivanov", 0.85),
        ("Сергей Иванов", "Sergei Ivanov", 0.85),
        ("Мухаммед Али", "Mohamed Ali", 0.8),
        ("Γιάννης Παπαδόπουλος", "Giannis Papadopoulos", 0.85),
        ("习近平", "Xi Jinping", 0.85),
        ("김정은", "Kim Jong-un", 0.8),
        ("मोहम्मद", "Mohamed", 0.85),
        ("Արամ Խաչատրյան", "Aram Khachatryan", 0.85),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s >= min, "{a} / {b}: {s}");
        // Weaker evidence than the same spelling: capped.
        assert!(s <= c.options().romanized_cap, "{a} / {b}: {s}");
    }
    // The same text in its own script is the same name.
    assert_eq!(c.similarity_str("Сергей Иванов", "Сергей Иванов"), 1.0);
    assert!(c.similarity_str("Сергей Иванов", "Андрей Петров") < 0.5);
    let e = c.explain(&c.prepare("Сергей Иванов"), &c.prepare("Sergey Ivanov"));
    assert!(
        e.pairs
            .iter()
            .all(|p| p.notes.contains(&PairNote::Romanized))
    );
    assert!(e.to_string().contains("weaker evidence"), "{e}");
}

#[test]
fn nicknames_score_high_but_below_the_same_name() {
    let c = cmp();
    let nick = c.options().nickname_score;
    for (a, b) in [
        ("Tom", "Thomas"),
        ("Peggy", "Margaret"),
        ("Bill", "William"),
        ("Bob Dylan", "Robert Dylan"),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s >= nick - 0.05 && s < 1.0, "{a} / {b}: {s}");
    }
    let e = c.explain(&c.prepare("Tom Clifford"), &c.prepare("Thomas Clifford"));
    assert_eq!(e.pairs[0].notes, [PairNote::Nickname]);
    assert!(e.pairs[1].notes.is_empty());
    // Family names are not nicknames, and pairs are not chained (Bill ~ Robert,
    // Bill ~ William, but not William ~ Robert).
    assert!(c.similarity_str("John Jack", "John John") < 0.5);
    assert!(c.similarity_str("William", "Robert") < 0.5);
    // Arabic names are left to the variant table.
    assert!(c.similarity_str("Ali Hassan", "Alison Hassan") < 0.5);
}

#[test]
fn titles_and_territories() {
    let c = cmp();
    let full = "Thomas Clifford, 1st Baron Clifford of Chudleigh";
    for (other, min) in [
        ("Thomas Chudleigh", 0.9),
        ("Tom 1st Baron Clifford of Chudleigh", 0.85),
        ("Thomas of Chudleigh", 0.9),
        ("Thomas Clifford", 0.8),
    ] {
        let s = c.similarity_str(full, other);
        assert!(s >= min, "{other}: {s}");
    }
    assert!(c.similarity_str(full, "Henry Clifford") < 0.6);
    // Titles are not name tokens.
    assert_eq!(c.similarity_str("Sir John Foster", "John Foster"), 1.0);
    assert_eq!(c.similarity_str("Rev. John Foster", "Dr John Foster"), 1.0);
    // A territory left out costs what a middle name costs, a last name more.
    let t = c.similarity_str("Ada Byron", "Ada Byron of Lovelace");
    let m = c.similarity_str("Ada Byron", "Ada Byron Lovelace");
    assert!(
        (t - (1.0 - c.options().missing_middle_penalty)).abs() < 1e-9,
        "{t}"
    );
    assert!(m < t, "{m} {t}");
}

#[test]
fn partial_names() {
    let c = cmp();
    let full = c.similarity_str("John Smith", "John Smith");
    let initial = c.similarity_str("J. Smith", "John Smith");
    let surname_only = c.similarity_str("Smith", "John Smith");
    let other_initial = c.similarity_str("K. Smith", "John Smith");
    // Partial evidence: below the full name, above a contradiction.
    assert!(initial < full && initial > 0.85, "{initial}");
    assert!(
        surname_only < initial && surname_only > 0.7,
        "{surname_only}"
    );
    assert!(other_initial < 0.5, "{other_initial}");
    assert_eq!(
        c.explain(&c.prepare("J. Smith"), &c.prepare("John Smith"))
            .pairs[0]
            .notes,
        [PairNote::Initial]
    );
}

#[test]
fn scores_are_continuous_and_one_only_for_the_same_spelling() {
    let c = cmp();
    // Two spellings of one variant-table name: near 1, below the same spelling, ranked
    // by how close they are written.
    let exact = c.similarity_str("Mohamed Salah", "Mohamed Salah");
    let close = c.similarity_str("Mohamed Salah", "Mohammed Salah");
    let far = c.similarity_str("Mohamed Salah", "Mehmet Salah");
    assert_eq!(exact, 1.0);
    assert!(close < 1.0 && close > 0.99, "{close}");
    assert!(far < close && far > 0.9, "{far}");
    // Across scripts (`Salah` also writes صالح: evidence for both, proof of neither).
    let ar = c.similarity_str("محمد صلاح", "Mohamed Salah");
    assert!(ar < 1.0 && ar > 0.9, "{ar}");
    // Nothing in common: small, positive, and not all equal.
    let a = c.similarity_str("خالد", "Zhang Wei");
    let b = c.similarity_str("خالد", "Olga Petrova");
    assert!(a > 0.0 && a < 0.2 && b > 0.0 && b < 0.2, "{a} {b}");
    assert_ne!(a, b);
    // A contradiction keeps a credit for closeness, below any aligned token.
    let near = c.similarity_str("Ahmed Hassan", "Ahmed Hassoun");
    let other = c.similarity_str("Ahmed Hassan", "Ahmed Zhang");
    assert!(other < near, "{other} {near}");
}

#[test]
fn spelling_senses_weigh_in() {
    let c = cmp();
    // `Hamed` is a spelling of حامد, not of حمد: the sense table says so on top of the
    // variant table's cap, and the pair is not aligned.
    let right = c.similarity_str("حامد", "Hamed");
    let wrong = c.similarity_str("حمد", "Hamed");
    assert!(right > 0.9 && wrong < 0.5, "{right} {wrong}");
    // Without the sense evidence the score does not fall.
    let off = NameComparator::new(CompareOptions {
        sense_penalty: 0.0,
        ..CompareOptions::default()
    })
    .unwrap();
    // A spelling of the name: no evidence against, or little where the spelling also
    // writes another name.
    for (a, b) in [("حامد", "Hamed"), ("عمر", "Omar"), ("خالد", "Khaled")] {
        let (on, without) = (c.similarity_str(a, b), off.similarity_str(a, b));
        assert!(
            on <= without && on > without - 0.1,
            "{a} {b}: {on} {without}"
        );
    }
    // Two spellings, each usual for a different name (أسلم, إسلام): evidence against.
    let (with, without) = (
        c.similarity_str("Aslam", "Islam"),
        off.similarity_str("Aslam", "Islam"),
    );
    assert!(with < without - 0.05, "{with} {without}");
}

#[test]
fn symmetric_when_codes_and_keys_agree_but_spellings_differ() {
    // `cc` and `cccc` share a code and keys; the canonical order must still be total.
    let cmp = NameComparator::default();
    for (a, b) in [("cc~cc~c~cc~", "cccc~cc~c~cc"), ("Sa Saa", "Saa Sa")] {
        let (pa, pb) = (cmp.prepare(a), cmp.prepare(b));
        assert_eq!(
            cmp.similarity(&pa, &pb),
            cmp.similarity(&pb, &pa),
            "{a} / {b}"
        );
        assert_eq!(cmp.explain(&pa, &pb).score, cmp.similarity(&pa, &pb));
    }
}

#[test]
fn endings_set_apart_names_of_one_root() {
    let c = cmp();
    // One name, spelled with and without its ending's letters: still the same name.
    for (a, b) in [
        ("صلاح", "Salah"),
        ("مصطفى", "Mustafa"),
        ("Munira", "Munirah"),
        ("حمزة", "Hamza"),
        ("Fathi", "Fethi"),
        ("Munir", "Mounir"),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s > 0.85, "{a} / {b}: {s}");
    }
    // A feminine or long -a against a consonant or a Latin -i: another name of the root,
    // below the spellings of one name.
    let same = c.similarity_str("Munir", "Mounir");
    for (a, b) in [
        ("Munir", "Munira"),
        ("منير", "Munira"),
        ("منيرة", "Munir"),
        ("Fathi", "Fatha"),
        ("Sami", "Samah"),
        ("Raef", "الرفاعي"),
    ] {
        let s = c.similarity_str(a, b);
        assert!(s < 0.8 && s < same, "{a} / {b}: {s}");
    }
    // Switched off, the keys join them again.
    let off = NameComparator::new(CompareOptions {
        ending_penalty: 0.0,
        ..CompareOptions::default()
    })
    .unwrap();
    assert!(off.similarity_str("Munir", "Munira") > 0.9);
}

#[test]
fn latin_spelling_conventions_and_weak_keys() {
    let c = cmp();
    // `th` writes ذ as well as ث, where others write `z`; German `dsch` writes ج.
    assert!(c.similarity_str("Moaz", "Muath") > c.similarity_str("Moaz", "Murad"));
    assert!(c.similarity_str("Moaz al-Kasasbeh", "Muath Al-Kasasbeh") > 0.8);
    assert!(c.similarity_str("Dschihad", "Jihad") > 0.95);
    // One strict key for two listed names (`Saied` for سعيد, `Sayed` for سيد): the variant
    // table gives no verdict, so the pair is aligned, below one name's spellings.
    let ambiguous = c.similarity_str("Eman Alsaied", "Iman Al Sayed");
    assert!(ambiguous > 0.85, "{ambiguous}");
    assert!(ambiguous < c.similarity_str("Eman Alsayed", "Iman Al Sayed"));
    // A loose key of one consonant does not lift two Latin spellings.
    for (a, b) in [("Ali", "Louai"), ("Ola", "Ali")] {
        let s = c.similarity_str(a, b);
        assert!(s < 0.7, "{a} / {b}: {s}");
    }
    assert!(c.similarity_str("Ali Al Mokdad", "Louai Almokdad") < 0.8);
    // Against Arabic script the loose key still counts: a Latin spelling may write a
    // semivowel as a vowel.
    assert!(c.similarity_str("الضاوية", "Daouia") > 0.8);
}
