//! Assessments and answers the workbook tests share.
#![allow(dead_code)]

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Xlsx};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use preflight_assessment::{
    Answer, AnswerValue, Assessment, Exclusion, NewAssessment, ObservationPeriod, ReportKind,
    ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::{
    calendar, Calendar, Duty, DutyOccurrence, Evidence, NewTask, People, StatusRequest, Task,
    TaskStatus,
};
use preflight_workbook::{Remediation, WorkbookExtras, WorkbookInput};
use uuid::Uuid;

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

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn people() -> People {
    People::from_names(vec!["Dana Ruiz".into(), "Sam Lee".into()])
}

pub fn task(a: &Assessment, q: &str, owner: &str, due: &str, notes: &str) -> Task {
    let question = catalog().question(q).expect("question");
    let mut n = NewTask::from_gap(question, &a.scope);
    n.owner = Some(owner.into());
    n.due = Some(due.into());
    n.notes = notes.into();
    n.build(catalog(), a.id, &people(), d("2026-01-05"))
        .expect("task")
}

pub fn set(t: &Task, status: TaskStatus, on: &str) -> Task {
    let risk = status == TaskStatus::RiskAccepted;
    t.change_status(
        StatusRequest {
            version: t.version,
            status,
            justification: risk.then(|| "=We accept it until Q3".into()),
            accepted_by: risk.then(|| "Dana Ruiz".into()),
        },
        d(on),
    )
    .expect("status")
}

pub fn evidence(
    a: &Assessment,
    name: &str,
    size: u64,
    q: Option<&str>,
    t: Option<Uuid>,
) -> Evidence {
    let id = Uuid::new_v4();
    Evidence {
        id,
        assessment_id: a.id,
        original_name: name.into(),
        stored_path: format!("evidence/{}/{id}-x", a.id),
        size,
        sha256: "ab".repeat(32),
        collected_on: d("2026-02-01"),
        question_id: q.map(str::to_string),
        task_id: t,
        removed_at: None,
    }
}

pub fn removed_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 20, 9, 0, 0)
        .single()
        .expect("time")
}

/// Tasks, evidence and duty occurrences for [`soc2`]: two tasks on cc8-change-review (one
/// overdue on [`at`], one in progress), a risk accepted on cc1-code-of-conduct, evidence on a
/// question and on a task, one removed, an access review ticked off.
pub struct Fixture {
    pub tasks: Vec<Task>,
    pub evidence: Vec<Evidence>,
    pub removed: Vec<Evidence>,
    pub occurrences: Vec<DutyOccurrence>,
}

pub fn data(a: &Assessment) -> Fixture {
    // Prepared on 2026-03-04 (common::at): due 2026-02-01 is overdue, 2026-12-31 is not.
    let late = task(
        a,
        "cc8-change-review",
        "Dana Ruiz",
        "2026-02-01",
        &"=1+1 and a long note that wraps over several lines in its narrow column. ".repeat(6),
    );
    let later = set(
        &task(a, "cc8-change-review", "Sam Lee", "2026-12-31", "@later"),
        TaskStatus::InProgress,
        "2026-02-02",
    );
    let accepted = set(
        &task(a, "cc1-code-of-conduct", "Sam Lee", "2026-02-01", ""),
        TaskStatus::RiskAccepted,
        "2026-02-10",
    );
    let ev = evidence(a, "+policy.pdf", 1_234_567, Some("cc8-change-review"), None);
    let on_task = evidence(a, "review.xlsx", 42, None, Some(accepted.id));
    let mut gone = evidence(a, "old.png", 9, Some("cc6-mfa"), None);
    gone.removed_at = Some(removed_at());
    let occurrences = vec![DutyOccurrence {
        id: Uuid::new_v4(),
        assessment_id: a.id,
        duty: Duty::AccessReview,
        done_on: d("2026-02-15"),
        evidence_id: Some(ev.id),
        note: "=reviewed all admins".into(),
    }];
    Fixture {
        tasks: vec![accepted, later, late],
        evidence: vec![ev, on_task],
        removed: vec![gone],
        occurrences,
    }
}

impl Fixture {
    /// The workbook's view of it; the calendar is the observation period's, if any.
    pub fn remediation<'a>(&'a self, calendar: Option<&'a Calendar>) -> Remediation<'a> {
        Remediation {
            tasks: &self.tasks,
            evidence: &self.evidence,
            removed_evidence: &self.removed,
            calendar,
        }
    }

    pub fn calendar(&self, a: &Assessment) -> Option<Calendar> {
        a.scope.observation.map(|p| calendar(&p, &self.occurrences))
    }
}

/// The workbook of `a` with the soc2 answers and the fixture's remediation data.
pub fn bytes_of(a: &Assessment, x: &Fixture) -> Vec<u8> {
    let cal = x.calendar(a);
    preflight_workbook::to_bytes_with(
        &WorkbookInput {
            catalog: catalog(),
            assessment: a,
            answers: &soc2_answers(),
            prepared_at: at(),
        },
        &WorkbookExtras {
            remediation: x.remediation(cal.as_ref()),
            ..WorkbookExtras::default()
        },
    )
    .expect("workbook")
}
