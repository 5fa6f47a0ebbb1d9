//! The 5 x 5 heat map: how many risks sit at each likelihood and impact, before the treatment
//! (inherent) and after it (residual).

use serde::Serialize;

use crate::risk::Risk;
use crate::scale::{Band, Level};

/// Counts by impact (rows, 5 at the top) and likelihood (columns, 1 at the left).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// `cells[impact - 1][likelihood - 1]`.
    pub cells: [[u32; 5]; 5],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeatMap {
    pub inherent: Grid,
    pub residual: Grid,
    /// The band of each cell, `bands[impact - 1][likelihood - 1]`, to colour it.
    pub bands: [[Band; 5]; 5],
}

fn idx(l: Level) -> usize {
    usize::from(l.get()).saturating_sub(1).min(4)
}

pub fn heat_map(risks: &[Risk]) -> HeatMap {
    let mut inherent = [[0u32; 5]; 5];
    let mut residual = [[0u32; 5]; 5];
    for r in risks {
        inherent[idx(r.impact)][idx(r.likelihood)] += 1;
        residual[idx(r.residual_impact)][idx(r.residual_likelihood)] += 1;
    }
    let mut bands = [[Band::Low; 5]; 5];
    for (i, row) in bands.iter_mut().enumerate() {
        for (l, cell) in row.iter_mut().enumerate() {
            // Both are below 5, so the product is at most 25.
            *cell = Band::of(((l + 1) * (i + 1)) as u8);
        }
    }
    HeatMap {
        inherent: Grid { cells: inherent },
        residual: Grid { cells: residual },
        bands,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::score;

    #[test]
    fn bands_match_the_scores() {
        let h = heat_map(&[]);
        for i in 1..=5i64 {
            for l in 1..=5i64 {
                let (li, ii) = (
                    Level::new(l, "l").expect("l"),
                    Level::new(i, "i").expect("i"),
                );
                assert_eq!(h.bands[idx(ii)][idx(li)], Band::of(score(li, ii)));
            }
        }
    }
}
