//! The demo glossary: real acronyms of UK children's social care, adult mental health,
//! education, the NHS and the police, six of them with two meanings. Kept as a CSV file with
//! the export's columns and loaded through the import's reading, so the two cannot drift.

use crate::{csv_format, db::glossary, domain::import::ImportKind};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};

const TERMS: &str = include_str!("glossary.csv");

pub(super) async fn seed(conn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let now = Utc::now();
    let rows = csv_format::read(ImportKind::Glossary, TERMS).map_err(DbErr::Custom)?;
    for row in rows {
        let term = csv_format::term_form(&row)
            .validate()
            .map_err(|e| DbErr::Custom(format!("demo glossary line {}: {e:?}", row.line)))?;
        glossary::create(conn, &term, None, now)
            .await
            .map_err(|e| DbErr::Custom(format!("demo glossary line {}: {e}", row.line)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn has_eighty_acronyms_some_with_two_meanings_and_all_valid() {
        let rows = csv_format::read(ImportKind::Glossary, TERMS).unwrap();
        let mut meanings: HashMap<String, usize> = HashMap::new();
        for row in &rows {
            let term = csv_format::term_form(row)
                .validate()
                .unwrap_or_else(|e| panic!("line {}: {e:?}", row.line));
            *meanings.entry(term.key).or_default() += 1;
        }
        assert!(meanings.len() >= 80, "{} terms", meanings.len());
        assert!(meanings.values().filter(|n| **n > 1).count() >= 5);
    }
}
