//! Throughput of identity-field preparation (parse + normalise one raw cell) and
//! comparison (one prepared pair) for each field kind.
//!
//! Run: `cargo bench --bench fields`. Inputs are fixed, realistic cell values in both
//! scripts; each bench asserts its result so that a broken parser cannot look fast.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hawiya::field::{
    DateComparator, FieldComparator, GenderComparator, IdComparator, NationalityComparator,
    PhoneComparator,
};

/// Bench `prepare` over `inputs` and `compare` over all pairs of the prepared values.
fn bench_kind<C: FieldComparator>(c: &mut Criterion, name: &str, cmp: &C, inputs: &[&str]) {
    let prepared: Vec<C::Prepared> = inputs.iter().map(|s| cmp.prepare(s)).collect();
    let non_null = prepared
        .iter()
        .filter(|p| cmp.null_reason(p).is_none())
        .count();
    assert!(
        non_null * 2 > inputs.len(),
        "{name}: most inputs must parse"
    );

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("prepare", |b| {
        b.iter(|| {
            for s in inputs {
                black_box(cmp.prepare(black_box(s)));
            }
        })
    });
    let pairs = (prepared.len() * prepared.len()) as u64;
    group.throughput(Throughput::Elements(pairs));
    group.bench_function("compare", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for x in &prepared {
                for y in &prepared {
                    acc = acc.wrapping_add(u32::from(cmp.compare(black_box(x), black_box(y)).0));
                }
            }
            acc
        })
    });
    group.finish();
}

const DATES: &[&str] = &[
    "1985-07-15",
    "15/07/1985",
    "03/04/1985",
    "١٩٨٥/٠٧/٠١",
    "12/10/1405 هـ",
    "12 شوال 1405",
    "15 July 1985",
    "15 يوليو 1985",
    "1985",
    "07/1985",
    "1985-07-15T00:00:00",
    "15/07/85",
    "1 رمضان 1445",
    "2024-03-11",
    "",
    "unknown",
];

const IDS: &[&str] = &[
    "288020122596",
    "2880 2012 2596",
    "٢٨٨٠٢٠١٢٢٥٩٦",
    "288020122569",
    "290011501239",
    "P-123 456",
    "A1234567",
    "784-1985-1234567-1",
    "323011500429",
    "N/A",
    "",
    "275123104566",
];

const GENDERS: &[&str] = &["M", "F", "ذكر", "أنثى", "Male", "female", "1", "2", "", "U"];

const NATIONALITIES: &[&str] = &[
    "كويتي",
    "الكويتية",
    "Kuwaiti",
    "KWT",
    "414",
    "بدون",
    "غير محدد الجنسية",
    "Bidoon",
    "مصري",
    "Egyptian",
    "هندية",
    "Indian",
    "فلبينية",
    "Filipino",
    "United States of America",
    "unknown",
];

const PHONES: &[&str] = &[
    "99781234",
    "+965 9978 1234",
    "٩٩٧٨١٢٣٤",
    "00965-9978-1234",
    "22401234 ext 12",
    "+971 50 123 4567",
    "0501234567",
    "+966 50 123 4567",
    "",
    "N/A",
    "99781235",
    "(965) 6500-1122",
];

fn fields(c: &mut Criterion) {
    bench_kind(c, "date", &DateComparator::default(), DATES);
    bench_kind(c, "id", &IdComparator, IDS);
    bench_kind(c, "gender", &GenderComparator, GENDERS);
    bench_kind(c, "nationality", &NationalityComparator, NATIONALITIES);
    bench_kind(c, "phone", &PhoneComparator::default(), PHONES);
}

criterion_group!(benches, fields);
criterion_main!(benches);
