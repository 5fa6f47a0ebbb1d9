//! Assessments and answers the workbook tests share.
#![allow(dead_code)]

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Xlsx};
use chrono::{DateTime, TimeZone, Utc};
use preflight_assessment::{
    Answer, AnswerValue, Assessment, Exclusion, NewAssessment, ObservationPeriod, ReportKind,
    ReportType, Scope,
};
use preflight_catalog::Catalog;

pub fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time")
}

/// SOC 2 Type 2 with Availability, Confidentiality left out with a reason; hostile names.
pub fn soc2() -> Assessment {
    let c = catalog();
    let mut a = NewAssessment {
        name: Some("-FY26 readiness".into()),
        company: "=Acme+1 ☁️ שלום".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: Some(
                ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("period"),
            ),
        },
    }
    .build(c, Utc::now())
    .expect("valid");
    a.set_scoping(
        c,
        vec![Exclusion {
            category: "confidentiality".into(),
            justification: "=We hold no customer data beyond contact details".into(),
        }],
        None,
    )
    .expect("scoping");
    a
}

pub fn soc1() -> Assessment {
    NewAssessment {
        name: Some("Payroll SOC 1".into()),
        company: "Ledgerly".into(),
        scope: Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec!["ITGC-LA".into(), "ITGC-CM".into()],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid soc1")
}

pub fn answer(q: &str, v: Option<AnswerValue>, note: &str) -> Answer {
    Answer {
        question_id: q.into(),
        value: v,
        note: note.into(),
        answered_at: at(),
    }
}

pub fn soc2_answers() -> Vec<Answer> {
    vec![
        answer("cc6-mfa", Some(AnswerValue::Yes), "@everyone uses MFA"),
        answer("cc8-change-review", Some(AnswerValue::No), "=1+1"),
        answer("cc1-code-of-conduct", None, "+ask HR"),
        answer(
            "cc6-asset-inventory",
            Some(AnswerValue::Partly),
            &"-A long note that wraps over several lines in the Note column. ".repeat(8),
        ),
    ]
}

pub fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("opens as xlsx")
}

pub fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// One part of the xlsx zip as text, e.g. "xl/worksheets/sheet3.xml".
pub fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut f = z.by_name(name).unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 part");
    s
}

/// The header row of a sheet as text.
pub fn header(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(cell_text)
        .collect()
}
