//! The request list of an assessment: the items whose questions apply to its scope, Type 2
//! populations and "did it run" items only for a Type 2, each shown with the criteria in scope.

use preflight_assessment::{ReportType, Scope};
use preflight_catalog::Catalog;
use serde::Serialize;

use crate::item::RequestItem;

/// An item as an assessment asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedItem<'a> {
    #[serde(flatten)]
    pub item: &'a RequestItem,
    /// The criteria (SOC 1: objectives) of the item that are in scope.
    pub criteria_in_scope: Vec<String>,
    /// The questions of the item that apply to the scope.
    pub questions_in_scope: Vec<String>,
}

/// The items a scope asks for, in the items' order. `catalog` is the assessment's effective
/// catalog.
pub fn request_list<'a>(
    catalog: &Catalog,
    scope: &Scope,
    items: &'a [RequestItem],
) -> Vec<ListedItem<'a>> {
    let type2 = scope.report_type == ReportType::Type2;
    let in_scope: Vec<String> = scope.items(catalog).into_iter().map(|i| i.id).collect();
    items
        .iter()
        .filter(|i| type2 || !i.type2_only)
        .filter_map(|i| {
            let questions: Vec<String> = i
                .questions
                .iter()
                .filter(|q| {
                    catalog
                        .question(q)
                        .is_some_and(|q| scope.applies(catalog, q))
                })
                .cloned()
                .collect();
            if questions.is_empty() {
                return None;
            }
            // SOC 1 items list objective templates: every objective in scope the questions map to.
            let mut criteria: Vec<String> = i
                .criteria
                .iter()
                .filter(|c| in_scope.contains(c))
                .cloned()
                .collect();
            if criteria.is_empty() {
                for q in &questions {
                    if let Some(q) = catalog.question(q) {
                        for c in scope.item_ids_of(q) {
                            if !criteria.contains(c) {
                                criteria.push(c.clone());
                            }
                        }
                    }
                }
            }
            Some(ListedItem {
                item: i,
                criteria_in_scope: criteria,
                questions_in_scope: questions,
            })
        })
        .collect()
}
